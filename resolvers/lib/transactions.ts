/** Reading `TransactWriteItems` cancellations: which items failed their condition, and why. */
import { raiseDataSourceError } from './errors';

export interface CancellationReason {
  type: string;
  message?: string;
  item?: Record<string, unknown> | null;
}

export interface CancelledTransaction {
  reasons: CancellationReason[];
}

/**
 * Returns the reasons of a transaction cancelled by conditions; any other failure (conflicts,
 * throttling, validation) is raised here as a typed error.
 */
export function conditionFailures(error: { message: string; type: string }, result: unknown): CancellationReason[] {
  const reasons = ((result as { cancellationReasons?: CancellationReason[] | null } | null)?.cancellationReasons ?? []) as CancellationReason[];
  const onlyConditions = reasons.length > 0 && reasons.every((r) => r.type === 'None' || r.type === 'ConditionalCheckFailed');
  if (error.type !== 'DynamoDB:TransactionCanceledException' || !onlyConditions) return raiseDataSourceError(error, reasons);
  return reasons;
}
