/**
 * End to end over the network: a stock change written over HTTP, published with IAM through the
 * bridge the stream publisher uses (`functions/commons/stock-change-publisher.ts`), reaches the
 * `onStockChanged` subscribers of that product over /graphql/realtime and no others; the
 * storefront key gets the public fields only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStockChangePublisher, stockChangeOf } from '../../functions/commons/stock-change-publisher.js';
import { inventoryKey, parseInventoryItem } from '../../functions/commons/inventory-model.js';
import { RealtimeTestClient } from '../local/server/realtime/support/protocol-client.js';
import {
  ALL_CHANGE_FIELDS,
  createItemPublisher,
  ON_STOCK_CHANGED,
  PUBLIC_CHANGE_FIELDS,
} from '../local/server/realtime/support/stock-changes.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let host: string;
let items: ReturnType<typeof createItemPublisher>;

const SET_STOCK =
  'mutation($input: SetStockInput!) { setStock(input: $input) { productId warehouseId onHand reserved available threshold version sequence updatedAt } }';

beforeAll(async () => {
  api = await startTestApi();
  host = new URL(api.s.graphqlUrl).host;
  items = createItemPublisher(api);
});
afterAll(async () => {
  items?.close();
  await api?.stop();
});

/** setStock over HTTP as an admin; the wired event publisher pushes the change from the stream. */
async function setAndPublish(productId: string, onHand: number): Promise<number> {
  const r = await api.gql<{ setStock: { sequence: number } }>(api.admin, SET_STOCK, {
    input: { productId, warehouseId: 'wh-e2e', onHand, threshold: 3 },
  });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.setStock.sequence;
}

async function open(header: Record<string, string>): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.open(api.s.realtimeUrl, { host, ...header });
  expect((await client.init()).type).toBe('connection_ack');
  return client;
}

describe('stock changes reach their subscribers', () => {
  it('subscribers of the product receive each change; subscribers of other products do not', async () => {
    const storefront = await open({ 'x-api-key': api.s.apiKey });
    const adminApp = await open({ Authorization: api.s.adminToken });
    await storefront.start('mine', ON_STOCK_CHANGED(PUBLIC_CHANGE_FIELDS), { p: 'e2e-1' }, { host, 'x-api-key': api.s.apiKey });
    await storefront.start('other', ON_STOCK_CHANGED(PUBLIC_CHANGE_FIELDS), { p: 'e2e-2' }, { host, 'x-api-key': api.s.apiKey });
    await adminApp.start('admin', ON_STOCK_CHANGED(ALL_CHANGE_FIELDS), { p: 'e2e-1' }, { host, Authorization: api.s.adminToken });

    const first = await setAndPublish('e2e-1', 10);
    const second = await setAndPublish('e2e-1', 2);
    await adminApp.next((f) => f.type === 'data' && JSON.stringify(f.payload).includes(`"sequence":${second}`));
    await storefront.next((f) => f.type === 'data' && f.id === 'mine' && JSON.stringify(f.payload).includes(`"sequence":${second}`));

    expect(storefront.dataFor('mine').map((f) => f.payload)).toEqual([
      {
        data: {
          onStockChanged: {
            productId: 'e2e-1',
            warehouseId: 'wh-e2e',
            available: 10,
            status: 'IN_STOCK',
            sequence: first,
            at: expect.any(String),
          },
        },
      },
      {
        data: {
          onStockChanged: {
            productId: 'e2e-1',
            warehouseId: 'wh-e2e',
            available: 2,
            status: 'LOW_STOCK',
            sequence: second,
            at: expect.any(String),
          },
        },
      },
    ]);
    expect(adminApp.dataFor('admin').map((f) => (f.payload?.data as { onStockChanged: { onHand: number } }).onStockChanged.onHand)).toEqual(
      [10, 2],
    );
    expect(storefront.dataFor('other')).toEqual([]);
    storefront.close();
    adminApp.close();
  });

  it('the storefront key cannot read onHand: the field is null with a field-level error', async () => {
    const storefront = await open({ 'x-api-key': api.s.apiKey });
    await storefront.start('s', ON_STOCK_CHANGED('available onHand'), { p: 'e2e-3' }, { host, 'x-api-key': api.s.apiKey });
    await setAndPublish('e2e-3', 5);
    const data = await storefront.next((f) => f.type === 'data');
    expect(data.payload).toEqual({
      data: { onStockChanged: { available: 5, onHand: null } },
      errors: [
        expect.objectContaining({
          errorType: 'Unauthorized',
          message: 'Not Authorized to access onHand on type StockChange',
          path: ['onStockChanged', 'onHand'],
        }),
      ],
    });
    storefront.close();
  });

  it('the publisher reports a refused call (it is retried with its stream batch)', async () => {
    const unsigned = createStockChangePublisher({
      graphqlUrl: api.s.graphqlUrl,
      region: api.s.iam.region,
      credentials: () => ({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }),
    });
    await expect(
      unsigned(
        stockChangeOf(
          parseInventoryItem({
            ...inventoryKey('p', 'w'),
            onHand: 1,
            reserved: 0,
            available: 1,
            threshold: 0,
            version: 1,
            sequence: 1,
            updatedAt: null,
            lastMovement: null,
          }),
        ),
      ),
    ).rejects.toThrow(/HTTP 401/);
  });
});
