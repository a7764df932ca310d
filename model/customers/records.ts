/**
 * Record shapes of the customer domain as the writers store them (docs/customers.md). Type
 * aliases, not interfaces: AppSync's `util.dynamodb.toMapValues` only maps index-compatible types.
 */
import type { CustomerImportStatusName } from './status.js';

export type CustomerRecord = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  /** E.164. */
  phone: string | null;
  /** The source's `updated_at` (or the file's LastModified): the newest wins. */
  updatedAt: string;
  createdAt: string;
  /** Which import row wrote this version (the `CustomerUpserted` event names it). */
  importId: string;
  importRow: number;
};

/** Where a job stopped: the next record starts at `byteOffset` of the object (a record boundary). */
export type ImportCheckpoint = {
  byteOffset: number;
  /** Data rows read before the offset (row numbers continue from here). */
  rowsRead: number;
  /** The header's canonical columns and delimiter: a ranged read starts after the header. */
  columns: (string | null)[];
  delimiter: string;
};

export type ImportCounters = {
  rowsRead: number;
  rowsApplied: number;
  rowsSkippedOlder: number;
  rowsInvalid: number;
  /** Dry run only: rows that would create a customer / update one. */
  rowsWouldCreate: number;
  rowsWouldUpdate: number;
};

export type CustomerImportRecord = ImportCounters & {
  id: string;
  fileName: string;
  status: CustomerImportStatusName;
  dryRun: boolean;
  /** Known once the whole file has been read. */
  rowsTotal: number | null;
  createdAt: string;
  /**
   * When the presigned PUT of `startCustomerImport` expires; null for a job created on arrival of
   * a dropped file. Absent on jobs stored before the field existed (upload-expiry.ts reads those).
   */
  uploadExpiresAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  failureReason: string | null;
  /** Set once an invalid row was reported; the presigned GET is made at read time. */
  errorReportKey: string | null;
  bucket: string | null;
  objectKey: string | null;
  /** S3 version id (or ETag+LastModified) of the object the job reads. */
  objectVersion: string | null;
  checkpoint: ImportCheckpoint | null;
  /** How many function runs the job took (a large file continues in fresh invocations). */
  invocations: number;
};

export const EMPTY_COUNTERS: ImportCounters = {
  rowsRead: 0,
  rowsApplied: 0,
  rowsSkippedOlder: 0,
  rowsInvalid: 0,
  rowsWouldCreate: 0,
  rowsWouldUpdate: 0,
};
