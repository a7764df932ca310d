/** Reading `TransactWriteItems` cancellations: which items failed their condition, and why. */
import { raiseDataSourceError } from './errors';

/** `Item` is what the caller knows the item to be (DynamoDB returns it untyped). */
export interface CancellationReason<Item = Record<string, unknown>> {
  type: string;
  message?: string;
  item?: Item | null;
}

/**
 * DynamoDB names a failed condition `ConditionalCheckFailed`; AppSync's documentation spells the
 * reason type `ConditionCheckFailed`. Both are accepted until AWS output settles it.
 */
export function isConditionFailure<Item>(reason: CancellationReason<Item> | undefined): boolean {
  return !!reason && (reason.type === 'ConditionalCheckFailed' || reason.type === 'ConditionCheckFailed');
}

/**
 * Returns the reasons of a transaction cancelled by conditions; any other failure (conflicts,
 * throttling, validation) is raised here as a typed error.
 */
export function conditionFailures<Item = Record<string, unknown>>(
  error: { message: string; type: string },
  result: unknown,
): CancellationReason<Item>[] {
  const reasons = (result as { cancellationReasons?: CancellationReason<Item>[] | null } | null)?.cancellationReasons ?? [];
  const onlyConditions = reasons.length > 0 && reasons.every((r) => r.type === 'None' || isConditionFailure(r));
  if (error.type !== 'DynamoDB:TransactionCanceledException' || !onlyConditions) return raiseDataSourceError(error, reasons);
  return reasons;
}
