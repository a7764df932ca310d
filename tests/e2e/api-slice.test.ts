/**
 * The first vertical slice over HTTP: Mutation.setStock (admin, compare-and-set) and
 * Query.stockLevel (storefront key, partners, admins), JS resolvers on DynamoDB Local.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

const SET =
  'mutation($input: SetStockInput!) { setStock(input: $input) { productId warehouseId onHand reserved available threshold status version } }';
const GET =
  'query($p: ID!, $w: ID!) { stockLevel(productId: $p, warehouseId: $w) { productId onHand available threshold status version updatedAt } }';
const GET_PUBLIC =
  'query($p: ID!, $w: ID!) { stockLevel(productId: $p, warehouseId: $w) { productId available status version updatedAt } }';

let api: TestApi;
let partnerKey: string;

beforeAll(async () => {
  api = await startTestApi();
  partnerKey = (await api.createPartnerKey('slice-partner', ['inventory:read'])).secret;
});
afterAll(async () => api?.stop());

async function stored(productId: string, warehouseId: string) {
  const client = createDynamoClient(api.s.dynamoEndpoint);
  try {
    const out = await client.send(
      new GetItemCommand({
        TableName: api.s.tableName,
        Key: { pk: { S: `PRODUCT#${productId}` }, sk: { S: `STOCK#${warehouseId}` } },
        ConsistentRead: true,
      }),
    );
    return out.Item;
  } finally {
    client.destroy();
  }
}

describe('Mutation.setStock and Query.stockLevel over HTTP', () => {
  it('sets stock as admin, then reads it with the storefront key, a partner key and the admin token', async () => {
    const set = await api.gql(api.admin, SET, { input: { productId: 'p-slice', warehouseId: 'w1', onHand: 12, threshold: 5 } });
    expect(set.status).toBe(200);
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data).toEqual({
      setStock: {
        productId: 'p-slice',
        warehouseId: 'w1',
        onHand: 12,
        reserved: 0,
        available: 12,
        threshold: 5,
        status: 'IN_STOCK',
        version: 1,
      },
    });

    for (const caller of [api.partner(partnerKey), api.admin, api.iam]) {
      const got = await api.gql<{ stockLevel: Record<string, unknown> }>(caller, GET, { p: 'p-slice', w: 'w1' });
      expect(got.status, caller.name).toBe(200);
      expect(got.body.errors, caller.name).toBeUndefined();
      expect(got.body.data!.stockLevel).toMatchObject({ productId: 'p-slice', onHand: 12, available: 12, status: 'IN_STOCK', version: 1 });
    }
    // The storefront key reads what a shopper should (onHand/threshold: tests/e2e/storefront-stock-fields.test.ts).
    const shopper = await api.gql<{ stockLevel: Record<string, unknown> }>(api.apiKey, GET_PUBLIC, { p: 'p-slice', w: 'w1' });
    expect(shopper.body.errors).toBeUndefined();
    expect(shopper.body.data!.stockLevel).toMatchObject({ productId: 'p-slice', available: 12, status: 'IN_STOCK', version: 1 });
  });

  it('returns null for stock that does not exist', async () => {
    const got = await api.gql(api.apiKey, GET, { p: 'p-none', w: 'w1' });
    expect(got.body).toEqual({ data: { stockLevel: null } });
  });

  it('applies expectedVersion as compare-and-set and reports VersionConflict without writing', async () => {
    await api.gql(api.admin, SET, { input: { productId: 'p-cas', warehouseId: 'w1', onHand: 3 } });
    const ok = await api.gql<{ setStock: { version: number; onHand: number } }>(api.admin, SET, {
      input: { productId: 'p-cas', warehouseId: 'w1', onHand: 4, expectedVersion: 1 },
    });
    expect(ok.body.data!.setStock).toMatchObject({ version: 2, onHand: 4 });

    const stale = await api.gql(api.admin, SET, { input: { productId: 'p-cas', warehouseId: 'w1', onHand: 99, expectedVersion: 1 } });
    expect(stale.status).toBe(200);
    expect(stale.body.data).toBeNull();
    expect(stale.body.errors).toHaveLength(1);
    expect(stale.body.errors![0]).toMatchObject({ errorType: 'VersionConflict', path: ['setStock'] });
    expect((await stored('p-cas', 'w1'))!['onHand']).toEqual({ N: '4' });
  });

  it('refuses the storefront key on setStock with Unauthorized and writes nothing', async () => {
    const r = await api.gql(api.apiKey, SET, { input: { productId: 'p-denied', warehouseId: 'w1', onHand: 1 } });
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors![0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access setStock on type Mutation',
      path: ['setStock'],
    });
    expect(await stored('p-denied', 'w1')).toBeUndefined();
  });

  it('refuses a partner key and a non-admin user on setStock and writes nothing', async () => {
    for (const caller of [api.partner(partnerKey), api.user, api.iam]) {
      const r = await api.gql(caller, SET, { input: { productId: 'p-denied2', warehouseId: 'w1', onHand: 1 } });
      expect(r.body.errors![0]!.errorType, caller.name).toBe('Unauthorized');
    }
    expect(await stored('p-denied2', 'w1')).toBeUndefined();
  });

  it('rejects invalid arguments with a ValidationError naming the field, and writes nothing', async () => {
    const r = await api.gql(api.admin, SET, { input: { productId: 'p bad', warehouseId: 'w1', onHand: 1 } });
    expect(r.body.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'input.productId' } });
    const negative = await api.gql(api.admin, SET, { input: { productId: 'p-neg', warehouseId: 'w1', onHand: -1 } });
    expect(negative.body.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'input.onHand' } });
    expect(await stored('p-neg', 'w1')).toBeUndefined();
  });
});
