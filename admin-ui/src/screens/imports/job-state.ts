/**
 * Which of two snapshots of one import job is the newer. Pushes and reads race (a push may land
 * after a read that already saw a later state, or a read may answer with an older state than the
 * last push), so the screen keeps whichever is further along: a job only moves forward (PENDING →
 * RUNNING → COMPLETED | FAILED) and its counters only grow.
 */
import type { CustomerImportStatus, ImportFieldsFragment } from '../../../generated/graphql.js';

export type ImportJob = ImportFieldsFragment;

const STAGE: Record<CustomerImportStatus, number> = { PENDING: 0, RUNNING: 1, COMPLETED: 2, FAILED: 2 };

export function isFinished(job: Pick<ImportJob, 'status'>): boolean {
  return STAGE[job.status] === 2;
}

/** `next` unless `current` is further along; equal snapshots take `next` (the later news). */
export function newerJob(current: ImportJob | undefined, next: ImportJob): ImportJob {
  if (!current || current.id !== next.id) return next;
  const byStage = STAGE[next.status] - STAGE[current.status];
  if (byStage !== 0) return byStage > 0 ? next : current;
  return next.rowsRead >= current.rowsRead ? next : current;
}

/**
 * A job that never got its file: still waiting, or failed by the import expirer once its upload
 * link had expired (a job that ran has a start time).
 */
export function neverGotFile(job: Pick<ImportJob, 'status' | 'startedAt'>): boolean {
  return job.startedAt === null && (job.status === 'PENDING' || job.status === 'FAILED');
}

/** The job's upload link has expired (`now` in ms; the job may still wait out the expirer's grace). */
export function uploadLinkExpired(job: Pick<ImportJob, 'uploadExpiresAt'>, now = Date.now()): boolean {
  return job.uploadExpiresAt !== null && Date.parse(job.uploadExpiresAt) <= now;
}

/** What the job's status means, in words. */
export function statusInWords(job: ImportJob): string {
  switch (job.status) {
    case 'PENDING':
      return 'Waiting for the file';
    case 'RUNNING':
      return job.dryRun ? 'Checking' : 'Importing';
    case 'FAILED':
      return 'Failed';
    case 'COMPLETED':
      return job.rowsInvalid > 0 ? 'Completed with invalid rows' : 'Completed';
  }
}
