import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDataSource, type DynamoDataSource } from '../../../local/datasources/dynamodb/index.js';
import { createFaultController, parseFaults } from '../../../local/datasources/fault-injection.js';
import { createTestTables, type TestTables } from '../../setup/tables.js';
import { meta } from './helpers.js';

let tables: TestTables;
let ds: DynamoDataSource;
let T: string;
const key = (pk: string, sk = 'A') => ({ pk: { S: pk }, sk: { S: sk } });
const count = async () => (await tables.client.send(new ScanCommand({ TableName: T, Select: 'COUNT' }))).Count;
const transaction = () => ({
  operation: 'TransactWriteItems',
  transactItems: [
    { table: T, operation: 'PutItem', key: key('a') },
    { table: T, operation: 'PutItem', key: key('b') },
    { table: T, operation: 'DeleteItem', key: key('c') },
  ],
});

beforeAll(async () => {
  tables = await createTestTables('faults');
  T = tables.main;
  ds = createDynamoDataSource({ client: tables.client, tableName: T, log: () => undefined });
});
afterAll(() => tables.destroy());
beforeEach(async () => {
  ds.faults.reset();
  await tables.truncate();
});

describe('fault injection', () => {
  it('conflict rate 1: every TransactWriteItems is cancelled with TransactionConflict, in AppSync shape, and nothing is written', async () => {
    ds.faults.set({ transactionConflictRate: 1 });
    for (let i = 0; i < 3; i++) {
      const out = await ds.invoke(transaction(), meta());
      expect(out).toEqual({
        result: {
          keys: null,
          cancellationReasons: [
            { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' },
            { type: 'None', message: 'None' },
            { type: 'None', message: 'None' },
          ],
        },
        error: {
          type: 'DynamoDB:TransactionCanceledException',
          message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None, None]',
        },
      });
    }
    expect(await count()).toBe(0);
  });

  it('a single-item transaction conflict carries the exact single-reason message', async () => {
    ds.faults.set({ transactionConflictRate: 1 });
    const out = await ds.invoke(
      { operation: 'TransactWriteItems', transactItems: [{ table: T, operation: 'PutItem', key: key('a') }] },
      meta(),
    );
    expect(out.error).toEqual({
      type: 'DynamoDB:TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    });
  });

  it('conflicts never touch non-transactional operations', async () => {
    ds.faults.set({ transactionConflictRate: 1 });
    expect(await ds.invoke({ operation: 'PutItem', key: key('a') }, meta())).toEqual({ result: { pk: 'a', sk: 'A' } });
  });

  it('throttle rate 1: ProvisionedThroughputExceededException, nothing written; transactions keep their result shape', async () => {
    ds.faults.set({ throttleRate: 1 });
    const put = await ds.invoke({ operation: 'PutItem', key: key('a') }, meta());
    expect(put.result).toBeNull();
    expect(put.error?.type).toBe('DynamoDB:ProvisionedThroughputExceededException');
    expect(put.error?.message).toMatch(
      /^The level of configured provisioned throughput for the table was exceeded.*Error Code: ProvisionedThroughputExceededException/,
    );
    const tx = await ds.invoke(transaction(), meta());
    expect(tx.result).toEqual({ keys: null, cancellationReasons: null });
    expect(tx.error?.type).toBe('DynamoDB:ProvisionedThroughputExceededException');
    expect(await count()).toBe(0);
  });

  it('rate 0 never injects, and faults can be switched off at run time', async () => {
    ds.faults.set({ transactionConflictRate: 1 });
    expect((await ds.invoke(transaction(), meta())).error).toBeDefined();
    ds.faults.set({ transactionConflictRate: 0, throttleRate: 0 });
    for (let i = 0; i < 20; i++) expect((await ds.invoke(transaction(), meta())).error).toBeUndefined();
    expect(await count()).toBe(2);
  });

  it('operations restricts where faults apply', async () => {
    ds.faults.set({ throttleRate: 1, operations: ['GetItem'] });
    expect((await ds.invoke({ operation: 'PutItem', key: key('a') }, meta())).error).toBeUndefined();
    expect((await ds.invoke({ operation: 'GetItem', key: key('a') }, meta())).error?.type).toBe(
      'DynamoDB:ProvisionedThroughputExceededException',
    );
  });

  it('a malformed request reports its own error even when a fault would fire', async () => {
    ds.faults.set({ transactionConflictRate: 1 });
    const out = await ds.invoke(
      { operation: 'TransactWriteItems', transactItems: [{ table: T, operation: 'Explode', key: key('a') }] },
      meta(),
    );
    expect(out.error?.type).toBe('MappingTemplate');
  });

  it('is deterministic for a seed, and the rate is roughly honoured', () => {
    const run = (seed: number) => {
      const c = createFaultController({ transactionConflictRate: 0.3, throttleRate: 0.2, seed });
      return Array.from({ length: 200 }, () => c.decide('TransactWriteItems') ?? '-');
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    const conflicts = a.filter((x) => x === 'conflict').length;
    expect(conflicts).toBeGreaterThan(35);
    expect(conflicts).toBeLessThan(85);
    expect(a.filter((x) => x === 'throttle').length).toBeGreaterThan(10);
  });

  it('same seed through the data source gives the same sequence of outcomes', async () => {
    const outcomes = async () => {
      ds.faults.set({ transactionConflictRate: 0.5, seed: 7 });
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) seen.push((await ds.invoke(transaction(), meta())).error ? 'x' : '.');
      return seen.join('');
    };
    const first = await outcomes();
    expect(await outcomes()).toBe(first);
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
  });

  it('parses STOCKROOM_FAULTS and rejects bad values', () => {
    expect(parseFaults('conflict=0.2,throttle=0.1')).toEqual({ transactionConflictRate: 0.2, throttleRate: 0.1 });
    expect(parseFaults('conflict=1, seed=9, ops=TransactWriteItems|PutItem')).toEqual({
      transactionConflictRate: 1,
      seed: 9,
      operations: ['TransactWriteItems', 'PutItem'],
    });
    expect(parseFaults('')).toBeUndefined();
    expect(() => parseFaults('conflict=2')).toThrow(RangeError);
    expect(() => parseFaults('boom=1')).toThrow(/Unknown/);
    expect(() => createFaultController({ throttleRate: -1 })).toThrow(RangeError);
  });
});
