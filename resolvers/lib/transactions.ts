/** Reading `TransactWriteItems` cancellations: which items failed their condition, and why. */
import { raiseDataSourceError } from './errors';

export interface CancellationReason {
  type: string;
  message?: string;
  item?: Record<string, unknown> | null;
}

/**
 * DynamoDB names a failed condition `ConditionalCheckFailed`; AppSync's documentation spells the
 * reason type `ConditionCheckFailed`. Both are accepted until AWS output settles it.
 */
export function isConditionFailure(reason: CancellationReason | undefined): boolean {
  return !!reason && (reason.type === 'ConditionalCheckFailed' || reason.type === 'ConditionCheckFailed');
}

/**
 * Returns the reasons of a transaction cancelled by conditions; any other failure (conflicts,
 * throttling, validation) is raised here as a typed error.
 */
export function conditionFailures(error: { message: string; type: string }, result: unknown): CancellationReason[] {
  const reasons = ((result as { cancellationReasons?: CancellationReason[] | null } | null)?.cancellationReasons ?? []) as CancellationReason[];
  const onlyConditions = reasons.length > 0 && reasons.every((r) => r.type === 'None' || isConditionFailure(r));
  if (error.type !== 'DynamoDB:TransactionCanceledException' || !onlyConditions) return raiseDataSourceError(error, reasons);
  return reasons;
}
