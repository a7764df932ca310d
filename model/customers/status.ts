/** Lifecycle of an import job: PENDING (created, waiting for its file) → RUNNING → COMPLETED | FAILED. */
export type CustomerImportStatusName = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export const IMPORT_STATUSES: readonly CustomerImportStatusName[] = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'];

export function isFinished(status: CustomerImportStatusName): boolean {
  return status === 'COMPLETED' || status === 'FAILED';
}

/** The `status` of `CustomerImportCompleted` (events/CustomerImportCompleted.schema.json). */
export function completedEventStatus(
  status: CustomerImportStatusName,
  rowsInvalid: number,
): 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED' | undefined {
  if (status === 'FAILED') return 'FAILED';
  if (status !== 'COMPLETED') return undefined;
  return rowsInvalid > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
}
