/**
 * When an import job stops waiting for its file (docs/customers.md, "Uploads that never arrive").
 * `startCustomerImport` signs a PUT valid `UPLOAD_URL_SECONDS`; a job whose link expired more than
 * `UPLOAD_GRACE_SECONDS` ago without a file is failed by the import expirer. Pure: the signer, the
 * ingest and the expirer share it.
 */
import type { CustomerImportRecord } from './records.js';

/** Long enough for a browser to upload a large file, short enough to be useless later. */
export const UPLOAD_URL_SECONDS = 900;
/**
 * S3 checks the signature when a PUT starts: an upload started just before expiry may still be
 * finishing, and its notification may be queued. The expirer waits this much longer.
 */
export const UPLOAD_GRACE_SECONDS = 15 * 60;
/** How far back the expirer looks (the imports index is searched between these bounds, never whole). */
export const EXPIRY_LOOKBACK_SECONDS = 7 * 86400;

export function uploadExpiresAtOf(createdAt: Date): string {
  return new Date(createdAt.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString();
}

/**
 * When the job's link expires: null for a job created on arrival of a dropped file (it never
 * waits). Jobs stored before the field existed have no attribute: their link was signed at creation.
 */
export function uploadExpiryOf(job: Pick<CustomerImportRecord, 'createdAt'> & { uploadExpiresAt?: string | null }): string | null {
  if (job.uploadExpiresAt === undefined) return uploadExpiresAtOf(new Date(job.createdAt));
  return job.uploadExpiresAt;
}

/** A job still waiting for a file whose link expired more than the grace ago. */
export function isUploadOverdue(job: CustomerImportRecord, now: Date): boolean {
  if (job.status !== 'PENDING' || (job.objectVersion ?? null) !== null) return false;
  const expiresAt = uploadExpiryOf(job);
  if (expiresAt === null) return false;
  const expiresMs = Date.parse(expiresAt);
  return Number.isFinite(expiresMs) && expiresMs + UPLOAD_GRACE_SECONDS * 1000 < now.getTime();
}

/** A job the expirer failed: it never got a file (a job that ran has its object's version). */
export function expiredWithoutFile(job: Pick<CustomerImportRecord, 'status' | 'objectVersion'>): boolean {
  return job.status === 'FAILED' && (job.objectVersion ?? null) === null;
}

/** The job's failureReason, for the admin who started it. */
export function uploadExpiredReason(uploadExpiresAt: string): string {
  return `no file arrived before the upload link expired (${uploadExpiresAt})`;
}
