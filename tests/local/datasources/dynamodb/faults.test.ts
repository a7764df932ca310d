import { describe, expect, it } from 'vitest';
import { injected } from '../../../../local/datasources/dynamodb/faults.js';
import { createFaultController } from '../../../../local/datasources/fault-injection.js';

const always = (kind: 'conflict' | 'throttle') =>
  createFaultController(
    kind === 'conflict' ? { transactionConflictRate: 1, throttleRate: 0 } : { transactionConflictRate: 0, throttleRate: 1 },
  );

describe('injected: what DynamoDB answers under contention', () => {
  it.each([
    [
      'conflict',
      'TransactWriteItems',
      { transactItems: [{}, {}] },
      'DynamoDB:TransactionCanceledException',
      {
        keys: null,
        cancellationReasons: [
          { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' },
          { type: 'None', message: 'None' },
        ],
      },
    ],
    [
      'throttle',
      'TransactGetItems',
      { transactItems: [{}] },
      'DynamoDB:ProvisionedThroughputExceededException',
      { items: null, cancellationReasons: null },
    ],
    ['throttle', 'GetItem', {}, 'DynamoDB:ProvisionedThroughputExceededException', null],
  ] as const)('%s on %s', (kind, operation, req, type, result) => {
    const failure = injected(always(kind), operation, req);
    expect(failure?.error.type).toBe(type);
    expect(failure?.result).toEqual(result);
  });

  it('injects nothing when no fault is configured', () => {
    expect(injected(createFaultController({}), 'TransactWriteItems', { transactItems: [{}] })).toBeUndefined();
  });
});
