import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDataSource, type DynamoDataSource } from '../../../local/datasources/dynamodb/index.js';
import { createTestTables, type TestTables } from '../../setup/tables.js';
import { meta } from './helpers.js';

let tables: TestTables;
let ds: DynamoDataSource;
let T: string;
const key = (pk: string, sk = 'A') => ({ pk: { S: pk }, sk: { S: sk } });
const count = async () => (await tables.client.send(new ScanCommand({ TableName: T, Select: 'COUNT' }))).Count;

beforeAll(async () => {
  tables = await createTestTables('batch');
  T = tables.main;
  ds = createDynamoDataSource({ client: tables.client, tableName: T, log: () => undefined });
});
afterAll(() => tables.destroy());
beforeEach(() => tables.truncate());

describe('DynamoDB data source: batch operations', () => {
  it('BatchPutItem returns data per table and an empty unprocessedItems entry', async () => {
    const out = await ds.invoke(
      {
        operation: 'BatchPutItem',
        tables: {
          [T]: [
            { ...key('a'), n: { N: 1 } },
            { ...key('b'), n: { N: 2 } },
          ],
        },
      },
      meta(),
    );
    expect(out).toEqual({
      result: {
        data: {
          [T]: [
            { pk: 'a', sk: 'A', n: 1 },
            { pk: 'b', sk: 'A', n: 2 },
          ],
        },
        unprocessedItems: { [T]: [] },
      },
    });
    expect(await count()).toBe(2);
  });

  it('BatchGetItem returns items in request order with null for missing ones, in both table forms', async () => {
    await ds.invoke(
      {
        operation: 'BatchPutItem',
        tables: {
          [T]: [
            { ...key('a'), n: { N: 1 } },
            { ...key('b'), n: { N: 2 } },
          ],
        },
      },
      meta(),
    );
    const expected = { data: { [T]: [{ pk: 'b', sk: 'A', n: 2 }, null, { pk: 'a', sk: 'A', n: 1 }] }, unprocessedKeys: { [T]: [] } };
    const typed = await ds.invoke(
      { operation: 'BatchGetItem', tables: { [T]: { keys: [key('b'), key('zz'), key('a')], consistentRead: true } } },
      meta(),
    );
    expect(typed).toEqual({ result: expected });
    const exampleForm = await ds.invoke({ operation: 'BatchGetItem', tables: { [T]: [key('b'), key('zz'), key('a')] } }, meta());
    expect(exampleForm).toEqual({ result: expected });
  });

  it('BatchGetItem with a projection that leaves out the keys still matches items to keys and returns only the projection', async () => {
    await ds.invoke(
      {
        operation: 'BatchPutItem',
        tables: {
          [T]: [
            { ...key('a'), n: { N: 1 }, x: { S: 'hidden' } },
            { ...key('b'), n: { N: 2 } },
          ],
        },
      },
      meta(),
    );
    const out = await ds.invoke(
      {
        operation: 'BatchGetItem',
        tables: { [T]: { keys: [key('b'), key('a')], projection: { expression: '#n', expressionNames: { '#n': 'n' } } } },
      },
      meta(),
    );
    expect(out.result).toEqual({ data: { [T]: [{ n: 2 }, { n: 1 }] }, unprocessedKeys: { [T]: [] } });
  });

  it('BatchDeleteItem returns the keys, not the items', async () => {
    await ds.invoke({ operation: 'BatchPutItem', tables: { [T]: [{ ...key('a'), n: { N: 1 } }] } }, meta());
    const out = await ds.invoke({ operation: 'BatchDeleteItem', tables: { [T]: [key('a'), key('nope')] } }, meta());
    expect(out).toEqual({
      result: {
        data: {
          [T]: [
            { pk: 'a', sk: 'A' },
            { pk: 'nope', sk: 'A' },
          ],
        },
        unprocessedKeys: { [T]: [] },
      },
    });
    expect(await count()).toBe(0);
  });

  it('enforces AppSync batch limits before calling DynamoDB (get ≤ 100, put/delete ≤ 25)', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => key(`k${i}`));
    const put = await ds.invoke({ operation: 'BatchPutItem', tables: { [T]: keys(26) } }, meta());
    expect(put.error?.type).toBe('DynamoDB:ValidationException');
    expect(put.error?.message).toMatch(/BatchPutItem/);
    expect(await count()).toBe(0);
    expect((await ds.invoke({ operation: 'BatchDeleteItem', tables: { [T]: keys(26) } }, meta())).error?.type).toBe(
      'DynamoDB:ValidationException',
    );
    expect((await ds.invoke({ operation: 'BatchGetItem', tables: { [T]: { keys: keys(101) } } }, meta())).error?.type).toBe(
      'DynamoDB:ValidationException',
    );
    expect((await ds.invoke({ operation: 'BatchPutItem', tables: { [T]: keys(25) } }, meta())).error).toBeUndefined();
    expect((await ds.invoke({ operation: 'BatchGetItem', tables: { [T]: { keys: keys(100) } } }, meta())).error).toBeUndefined();
  });
});

describe('DynamoDB data source: transactions', () => {
  it('TransactWriteItems performs every kind of item and returns the keys in request order', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('stock'), attributeValues: { qty: { N: 5 } } }, meta());
    await ds.invoke({ operation: 'PutItem', key: key('old') }, meta());
    const out = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [
          {
            table: T,
            operation: 'UpdateItem',
            key: key('stock'),
            update: { expression: 'SET qty = qty - :n', expressionValues: { ':n': { N: 2 } } },
            condition: { expression: 'qty >= :n', expressionValues: { ':n': { N: 2 } } },
          },
          {
            table: T,
            operation: 'PutItem',
            key: key('hold', 'H1'),
            attributeValues: { qty: { N: 2 } },
            condition: { expression: 'attribute_not_exists(pk)' },
          },
          { table: T, operation: 'DeleteItem', key: key('old') },
          { table: T, operation: 'ConditionCheck', key: key('stock', 'B'), condition: { expression: 'attribute_not_exists(pk)' } },
        ],
      },
      meta(),
    );
    expect(out).toEqual({
      result: {
        keys: [
          { pk: 'stock', sk: 'A' },
          { pk: 'hold', sk: 'H1' },
          { pk: 'old', sk: 'A' },
          { pk: 'stock', sk: 'B' },
        ],
        cancellationReasons: null,
      },
    });
    expect((await ds.invoke({ operation: 'GetItem', key: key('stock') }, meta())).result).toEqual({ pk: 'stock', sk: 'A', qty: 3 });
    expect((await ds.invoke({ operation: 'GetItem', key: key('old') }, meta())).result).toBeNull();
  });

  it('a cancelled TransactWriteItems gives keys:null, one reason per item with the current item, and the error; nothing is written', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('stock'), attributeValues: { qty: { N: 1 } } }, meta());
    const out = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [
          { table: T, operation: 'PutItem', key: key('hold', 'H1') },
          {
            table: T,
            operation: 'UpdateItem',
            key: key('stock'),
            update: { expression: 'SET qty = qty - :n', expressionValues: { ':n': { N: 2 } } },
            condition: { expression: 'qty >= :n', expressionValues: { ':n': { N: 2 } } },
          },
        ],
      },
      meta(),
    );
    expect(out.error).toEqual({
      type: 'DynamoDB:TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
    });
    expect(out.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: 'None' },
        { type: 'ConditionalCheckFailed', message: expect.stringMatching(/conditional/i), item: { pk: 'stock', sk: 'A', qty: 1 } },
      ],
    });
    expect(await count()).toBe(1);
  });

  it('returnValuesOnConditionCheckFailure: false leaves the item out of the reason', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('stock') }, meta());
    const out = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [
          {
            table: T,
            operation: 'ConditionCheck',
            key: key('stock'),
            condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
          },
        ],
      },
      meta(),
    );
    const reasons = (out.result as { cancellationReasons: Record<string, unknown>[] }).cancellationReasons;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]!.type).toBe('ConditionalCheckFailed');
    expect(reasons[0]).not.toHaveProperty('item');
  });

  it('ConditionCheck without a condition is a malformed request', async () => {
    const out = await ds.invoke(
      { operation: 'TransactWriteItems', transactItems: [{ table: T, operation: 'ConditionCheck', key: key('x') }] },
      meta(),
    );
    expect(out.error?.type).toBe('MappingTemplate');
  });

  it('TransactGetItems returns items in order with null for missing ones', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('a'), attributeValues: { n: { N: 1 }, m: { S: 'x' } } }, meta());
    const out = await ds.invoke(
      {
        operation: 'TransactGetItems',
        transactItems: [
          { table: T, key: key('missing') },
          { table: T, key: key('a'), projection: { expression: 'n' } },
        ],
      },
      meta(),
    );
    expect(out).toEqual({ result: { items: [null, { n: 1 }], cancellationReasons: null } });
  });

  it('enforces the 100-item transaction limit', async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ table: T, operation: 'PutItem', key: key(`k${i}`) }));
    const out = await ds.invoke({ operation: 'TransactWriteItems', transactItems: items }, meta());
    expect(out.error?.type).toBe('DynamoDB:ValidationException');
    expect(await count()).toBe(0);
    expect(
      (await ds.invoke({ operation: 'TransactGetItems', transactItems: items.map(({ table, key: k }) => ({ table, key: k })) }, meta()))
        .error?.type,
    ).toBe('DynamoDB:ValidationException');
  });
});
