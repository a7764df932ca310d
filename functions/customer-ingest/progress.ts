/**
 * Live import progress: calls AppSync's IAM-only `publishImportProgress` (SigV4,
 * `commons/appsync-iam-caller.ts`) selecting every field of CustomerImport, so an
 * `onImportProgress` subscriber may select any of them (its `errorReportUrl` is signed while the
 * publish runs). The job calls it at a bounded rate (job/run.ts); a failed push is logged there and
 * never stops the import: the job record stays the truth, readable with `customerImport(id)`.
 */
import type { ImportProgressInput } from '../../resolvers/generated/graphql.js';
import type { CustomerImportRecord } from '../../model/customers/records.js';
import { createIamGraphqlCaller, type PublisherOptions } from '../commons/appsync-iam-caller.js';

export const PUBLISH_IMPORT_PROGRESS = `mutation PublishImportProgress($input: ImportProgressInput!) {
  publishImportProgress(input: $input) {
    id fileName status dryRun rowsTotal rowsRead rowsApplied rowsSkippedOlder rowsInvalid rowsWouldCreate rowsWouldUpdate
    errorReportUrl createdAt uploadExpiresAt startedAt finishedAt failureReason
  }
}`;

/** The job record as the publish mutation's input (its bookkeeping fields stay on the server). */
export function importProgressOf(job: CustomerImportRecord): ImportProgressInput {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    dryRun: job.dryRun,
    rowsTotal: job.rowsTotal,
    rowsRead: job.rowsRead,
    rowsApplied: job.rowsApplied,
    rowsSkippedOlder: job.rowsSkippedOlder,
    rowsInvalid: job.rowsInvalid,
    rowsWouldCreate: job.rowsWouldCreate,
    rowsWouldUpdate: job.rowsWouldUpdate,
    createdAt: job.createdAt,
    uploadExpiresAt: job.uploadExpiresAt ?? null,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    failureReason: job.failureReason,
    errorReportKey: job.errorReportKey,
  };
}

export function createImportProgressPublisher(options: PublisherOptions): (job: CustomerImportRecord) => Promise<void> {
  const call = createIamGraphqlCaller(options);
  return async (job) => {
    await call('publishImportProgress', PUBLISH_IMPORT_PROGRESS, { input: importProgressOf(job) });
  };
}
