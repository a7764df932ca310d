import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDataSource, type DynamoDataSource } from '../../../local/datasources/dynamodb/index.js';
import { createTestTables, type TestTables } from '../../setup/tables.js';
import { CONDITIONAL_FAILED, meta } from './helpers.js';

let tables: TestTables;
let ds: DynamoDataSource;
const key = (pk: string, sk = 'A') => ({ pk: { S: pk }, sk: { S: sk } });

beforeAll(async () => {
  tables = await createTestTables('items');
  ds = createDynamoDataSource({ client: tables.client, tableName: tables.main, log: () => undefined });
});
afterAll(() => tables.destroy());
beforeEach(() => tables.truncate());

describe('DynamoDB data source: single-item operations', () => {
  it('GetItem returns null for a missing item, and the unmarshalled item when present', async () => {
    expect(await ds.invoke({ operation: 'GetItem', key: key('missing') }, meta())).toEqual({ result: null });
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { name: { S: 'Mug' } } }, meta());
    const out = await ds.invoke({ operation: 'GetItem', key: key('p1'), consistentRead: true }, meta());
    expect(out).toEqual({ result: { pk: 'p1', sk: 'A', name: 'Mug' } });
  });

  it('GetItem applies a projection with expression names', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { name: { S: 'Mug' }, qty: { N: 3 } } }, meta());
    const out = await ds.invoke(
      { operation: 'GetItem', key: key('p1'), projection: { expression: '#n', expressionNames: { '#n': 'name' } } },
      meta(),
    );
    expect(out.result).toEqual({ name: 'Mug' });
  });

  it('PutItem writes key ∪ attributeValues and returns the written item; JSON numbers become N', async () => {
    const out = await ds.invoke(
      {
        operation: 'PutItem',
        key: key('p1'),
        attributeValues: {
          qty: { N: 12 },
          price: { N: '9.50' },
          tags: { SS: ['a', 'b'] },
          sizes: { NS: [1, '2'] },
          ok: { BOOL: true },
          nothing: { NULL: null },
          nested: { M: { l: { L: [{ N: 1 }, { S: 'x' }] } } },
          bin: { B: 'aGVs\nbG8=' },
        },
      },
      meta(),
    );
    expect(out.error).toBeUndefined();
    expect(out.result).toEqual({
      pk: 'p1',
      sk: 'A',
      qty: 12,
      price: 9.5,
      tags: ['a', 'b'],
      sizes: [1, 2],
      ok: true,
      nothing: null,
      nested: { l: [1, 'x'] },
      bin: 'aGVsbG8=',
    });
    const raw = await tables.client.send(new GetItemCommand({ TableName: tables.main, Key: key('p1') }));
    expect(raw.Item?.qty).toEqual({ N: '12' });
    expect(Buffer.from(raw.Item!.bin!.B!).toString()).toBe('hello');
  });

  it('PutItem with a failed condition and an equal stored item succeeds with the stored item (equalsIgnore honoured)', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { qty: { N: 1 }, updatedAt: { S: 'first' } } }, meta());
    const out = await ds.invoke(
      {
        operation: 'PutItem',
        key: key('p1'),
        attributeValues: { qty: { N: '1.0' }, updatedAt: { S: 'second' } },
        condition: { expression: 'attribute_not_exists(pk)', equalsIgnore: ['updatedAt'] },
      },
      meta(),
    );
    expect(out).toEqual({ result: { pk: 'p1', sk: 'A', qty: 1, updatedAt: 'first' } });
  });

  it('PutItem with a failed condition and a different stored item reports ConditionalCheckFailedException with the current item', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { qty: { N: 1 } } }, meta());
    const out = await ds.invoke(
      { operation: 'PutItem', key: key('p1'), attributeValues: { qty: { N: 2 } }, condition: { expression: 'attribute_not_exists(pk)' } },
      meta(),
    );
    expect(out.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(out.error?.message).toMatch(CONDITIONAL_FAILED);
    expect(out.result).toEqual({ pk: 'p1', sk: 'A', qty: 1 });
  });

  it('UpdateItem returns ALL_NEW; a failed condition gives the error and the current item, without writing', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { qty: { N: 5 } } }, meta());
    const ok = await ds.invoke(
      {
        operation: 'UpdateItem',
        key: key('p1'),
        update: { expression: 'SET #q = #q - :n', expressionNames: { '#q': 'qty' }, expressionValues: { ':n': { N: 2 } } },
        condition: { expression: '#q >= :n', expressionNames: { '#q': 'qty' }, expressionValues: { ':n': { N: 2 } } },
      },
      meta(),
    );
    expect(ok).toEqual({ result: { pk: 'p1', sk: 'A', qty: 3 } });
    const failed = await ds.invoke(
      {
        operation: 'UpdateItem',
        key: key('p1'),
        update: { expression: 'SET #q = #q - :n', expressionNames: { '#q': 'qty' }, expressionValues: { ':n': { N: 10 } } },
        condition: { expression: '#q >= :n', expressionNames: { '#q': 'qty' }, expressionValues: { ':n': { N: 10 } } },
      },
      meta(),
    );
    expect(failed.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(failed.error?.message).toMatch(CONDITIONAL_FAILED);
    expect(failed.result).toEqual({ pk: 'p1', sk: 'A', qty: 3 });
  });

  it('drops empty expressionNames/expressionValues, ignores VTL version fields, and accepts a condition given as JSON text', async () => {
    const out = await ds.invoke(
      {
        version: '2018-05-29',
        operation: 'PutItem',
        key: key('p1'),
        condition: JSON.stringify({ expression: 'attribute_not_exists(pk)', expressionNames: {}, expressionValues: {} }),
      },
      meta(),
    );
    expect(out).toEqual({ result: { pk: 'p1', sk: 'A' } });
    const again = await ds.invoke(
      { operation: 'PutItem', key: key('p1'), attributeValues: { x: { S: 'y' } }, condition: '{"expression":"attribute_not_exists(pk)"}' },
      meta(),
    );
    expect(again.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });

  it('DeleteItem returns the old item, null when nothing was there, and a failed condition on a missing item is a success', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { qty: { N: 1 } } }, meta());
    expect(await ds.invoke({ operation: 'DeleteItem', key: key('p1') }, meta())).toEqual({ result: { pk: 'p1', sk: 'A', qty: 1 } });
    expect(await ds.invoke({ operation: 'DeleteItem', key: key('p1') }, meta())).toEqual({ result: null });
    expect(await ds.invoke({ operation: 'DeleteItem', key: key('p1'), condition: { expression: 'attribute_exists(pk)' } }, meta())).toEqual(
      { result: null },
    );
  });

  it('DeleteItem with a failed condition on an existing item reports the error with the current item and keeps it', async () => {
    await ds.invoke({ operation: 'PutItem', key: key('p1'), attributeValues: { status: { S: 'ACTIVE' } } }, meta());
    const out = await ds.invoke(
      {
        operation: 'DeleteItem',
        key: key('p1'),
        condition: { expression: '#s = :s', expressionNames: { '#s': 'status' }, expressionValues: { ':s': { S: 'DONE' } } },
      },
      meta(),
    );
    expect(out.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(out.result).toEqual({ pk: 'p1', sk: 'A', status: 'ACTIVE' });
    expect((await ds.invoke({ operation: 'GetItem', key: key('p1') }, meta())).result).not.toBeNull();
  });

  it('reports DynamoDB validation errors as DynamoDB:ValidationException and never throws', async () => {
    const out = await ds.invoke({ operation: 'GetItem', key: { pk: { S: 'only-pk' } } }, meta());
    expect(out.result).toBeNull();
    expect(out.error?.type).toBe('DynamoDB:ValidationException');
    expect(out.error?.message).toMatch(/\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: .+\)$/);
  });

  it('reports malformed requests (typed value with two keys, unknown operation, Sync) without calling DynamoDB', async () => {
    const twoKeys = await ds.invoke({ operation: 'GetItem', key: { pk: { S: 'a', N: 1 }, sk: { S: 'A' } } }, meta());
    expect(twoKeys.error?.type).toBe('MappingTemplate');
    expect((await ds.invoke({ operation: 'Explode' }, meta())).error?.message).toMatch(/Unsupported operation/);
    expect((await ds.invoke({ operation: 'Sync' }, meta())).error?.message).toMatch(/Sync is not supported/);
  });

  it('hides local details of a missing table behind AWS wording', async () => {
    const other = createDynamoDataSource({ client: tables.client, tableName: 'no-such-table' });
    const out = await other.invoke({ operation: 'GetItem', key: key('p1') }, meta());
    expect(out.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    expect(out.error?.message).toMatch(/^Requested resource not found \(Service/);
  });

  it('an unreachable endpoint gives a generic DynamoDB error that does not leak local details, and is logged', async () => {
    const logged: string[] = [];
    const { createDynamoClient } = await import('../../../local/services/dynamodb-local.js');
    const client = createDynamoClient('http://127.0.0.1:9', { maxAttempts: 1 });
    const down = createDynamoDataSource({ client, tableName: 'x', log: (m) => logged.push(m) });
    const out = await down.invoke({ operation: 'GetItem', key: key('p1') }, meta());
    client.destroy();
    expect(out.result).toBeNull();
    expect(out.error?.type).toBe('DynamoDB:InternalServerError');
    expect(out.error?.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(logged.join('\n')).toMatch(/ECONNREFUSED/);
  });

  it('large and fractional numbers come back as JS numbers', async () => {
    await tables.client.send(
      new PutItemCommand({ TableName: tables.main, Item: { ...key('n'), a: { N: '0.1' }, b: { N: '-42' }, c: { N: '1e3' } } }),
    );
    expect((await ds.invoke({ operation: 'GetItem', key: key('n') }, meta())).result).toEqual({
      pk: 'n',
      sk: 'A',
      a: 0.1,
      b: -42,
      c: 1000,
    });
  });
});

describe('DynamoDB data source: Query and Scan', () => {
  async function seed(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await ds.invoke(
        {
          operation: 'PutItem',
          key: key('P', `S#${String(i).padStart(2, '0')}`),
          attributeValues: { i: { N: i }, gsi1pk: { S: 'G' }, gsi1sk: { S: String(100 - i).padStart(3, '0') } },
        },
        meta(),
      );
    }
  }

  it('Query pages with an opaque nextToken and reports scannedCount before the filter', async () => {
    await seed(5);
    const request = { operation: 'Query', query: { expression: 'pk = :pk', expressionValues: { ':pk': { S: 'P' } } }, limit: 2 };
    const first = (await ds.invoke(request, meta('Query.list'))).result as {
      items: { i: number }[];
      nextToken: string | null;
      scannedCount: number;
    };
    expect(first.items.map((x) => x.i)).toEqual([0, 1]);
    expect(first.scannedCount).toBe(2);
    expect(typeof first.nextToken).toBe('string');
    expect(first.nextToken).not.toContain('S#');
    expect(Buffer.from(first.nextToken!, 'base64').toString()).not.toContain('S#01');
    const second = (await ds.invoke({ ...request, nextToken: first.nextToken }, meta('Query.list'))).result as typeof first;
    expect(second.items.map((x) => x.i)).toEqual([2, 3]);
    const filtered = (
      await ds.invoke(
        {
          operation: 'Query',
          query: { expression: 'pk = :pk', expressionValues: { ':pk': { S: 'P' } } },
          filter: { expression: 'i > :min', expressionValues: { ':min': { N: 2 } } },
        },
        meta('Query.list'),
      )
    ).result as typeof first;
    expect(filtered).toEqual({
      items: [
        { pk: 'P', sk: 'S#03', i: 3, gsi1pk: 'G', gsi1sk: '097' },
        { pk: 'P', sk: 'S#04', i: 4, gsi1pk: 'G', gsi1sk: '096' },
      ],
      nextToken: null,
      scannedCount: 5,
    });
  });

  it('Query on an index, backwards, with a projection', async () => {
    await seed(3);
    const out = (
      await ds.invoke(
        {
          operation: 'Query',
          index: 'gsi1',
          query: { expression: 'gsi1pk = :g', expressionValues: { ':g': { S: 'G' } } },
          scanIndexForward: false,
          projection: { expression: 'i' },
        },
        meta(),
      )
    ).result;
    expect(out).toEqual({ items: [{ i: 0 }, { i: 1 }, { i: 2 }], nextToken: null, scannedCount: 3 });
  });

  it('rejects a token from another resolver and a tampered token, as AppSync does', async () => {
    await seed(3);
    const request = { operation: 'Query', query: { expression: 'pk = :pk', expressionValues: { ':pk': { S: 'P' } } }, limit: 1 };
    const { nextToken } = (await ds.invoke(request, meta('Query.a'))).result as { nextToken: string };
    const cross = await ds.invoke({ ...request, nextToken }, meta('Query.b'));
    expect(cross.error).toEqual({
      type: 'DynamoDB:UserIllegalArgumentException',
      message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
    });
    expect(cross.result).toBeNull();
    const garbage = await ds.invoke({ ...request, nextToken: 'bm90IGEgdG9rZW4=' }, meta('Query.a'));
    expect(garbage.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
    const inner = JSON.parse(Buffer.from(nextToken, 'base64').toString()) as { token: string };
    const forged = Buffer.from(JSON.stringify({ version: 2, token: inner.token.replace(/^./, (c) => (c === 'e' ? 'f' : 'e')) })).toString(
      'base64',
    );
    expect((await ds.invoke({ ...request, nextToken: forged }, meta('Query.a'))).error?.type).toBe('DynamoDB:UserIllegalArgumentException');
  });

  it('Scan pages to the end, with segments and filter', async () => {
    await seed(4);
    const seen: number[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const out = (await ds.invoke({ operation: 'Scan', limit: 3, nextToken }, meta('Query.scan'))).result as {
        items: { i: number }[];
        nextToken: string | null;
      };
      seen.push(...out.items.map((x) => x.i));
      nextToken = out.nextToken;
      pages++;
    } while (nextToken);
    expect(seen.sort()).toEqual([0, 1, 2, 3]);
    expect(pages).toBe(2);
    const segmented = await ds.invoke(
      { operation: 'Scan', segment: 0, totalSegments: 1, filter: { expression: 'i = :i', expressionValues: { ':i': { N: 2 } } } },
      meta(),
    );
    expect(segmented.result).toMatchObject({ items: [{ i: 2 }], nextToken: null, scannedCount: 4 });
    expect((await ds.invoke({ operation: 'Scan', segment: 0 }, meta())).error?.type).toBe('MappingTemplate');
  });
});

describe('DynamoDB data source: onWrite (what wakes the local stream pollers)', () => {
  it('fires once after each write that succeeded, never after a read or a refused write', async () => {
    const writes: string[] = [];
    const watched = createDynamoDataSource({
      client: tables.client,
      tableName: tables.main,
      log: () => undefined,
      onWrite: () => writes.push('write'),
    });
    await watched.invoke({ operation: 'PutItem', key: key('w1'), attributeValues: { qty: { N: 1 } } }, meta());
    expect(writes).toHaveLength(1);
    await watched.invoke(
      { operation: 'UpdateItem', key: key('w1'), update: { expression: 'SET qty = :q', expressionValues: { ':q': { N: 2 } } } },
      meta(),
    );
    expect(writes).toHaveLength(2);
    await watched.invoke({ operation: 'GetItem', key: key('w1') }, meta());
    await watched.invoke({ operation: 'Query', query: { expression: 'pk = :pk', expressionValues: { ':pk': { S: 'w1' } } } }, meta());
    expect(writes).toHaveLength(2);
    const refused = await watched.invoke(
      { operation: 'PutItem', key: key('w1'), attributeValues: { qty: { N: 3 } }, condition: { expression: 'attribute_not_exists(pk)' } },
      meta(),
    );
    expect(refused.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(writes).toHaveLength(2);
    await watched.invoke({ operation: 'DeleteItem', key: key('w1') }, meta());
    expect(writes).toHaveLength(3);
  });
});
