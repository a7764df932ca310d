/** The failures an injected fault produces, shaped as DynamoDB under contention would answer. */
import type { FaultController } from '../fault-injection.js';
import { dynamoError, Failure, THROTTLE_MESSAGE } from './errors.js';
import type { Json } from './request.js';

/** Validates the request first, so an injected fault never hides a malformed request. */
export function injected(faults: FaultController, operation: string, req: Json): Failure | undefined {
  const fault = faults.decide(operation);
  if (!fault) return undefined;
  const transact = operation === 'TransactWriteItems' || operation === 'TransactGetItems';
  const resultKey = operation === 'TransactWriteItems' ? 'keys' : 'items';
  if (fault === 'conflict') {
    const n = Array.isArray(req.transactItems) ? req.transactItems.length : 1;
    const list = Array.from({ length: n }, (_, i) =>
      i === 0 ? { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' } : { type: 'None', message: 'None' },
    );
    return new Failure(
      {
        type: 'DynamoDB:TransactionCanceledException',
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${list.map((r) => r.type).join(', ')}]`,
      },
      { [resultKey]: null, cancellationReasons: list },
    );
  }
  // Throttling: one error type for every operation (transactions included).
  return new Failure(
    dynamoError('ProvisionedThroughputExceededException', THROTTLE_MESSAGE),
    transact ? { [resultKey]: null, cancellationReasons: null } : null,
  );
}
