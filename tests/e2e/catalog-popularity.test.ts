/**
 * Seed scenario B end to end on DynamoDB Local: an order raises its products' popularity (the
 * popularity worker behind the local bus's OrderCreated rule, exactly once under 50 concurrent
 * orders and replays), category rankings follow it, and recommendations then include popular
 * products for other customers. Also: `category` kept on inventory items (not a stock movement)
 * and ProductUpdated on the bus.
 */
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopularityWorker } from '../../functions/popularity/index.js';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { inventoryKey } from '../../model/keys.js';
import { expectValidEvent } from '../events/validate.js';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';
import { BY_CATEGORY, PRODUCT, RECOMMENDATIONS, orderCreated, product, putOrderEvents, upsert } from './support/catalog-fixture.js';

let api: TestApi;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi();
  doc = DynamoDBDocumentClient.from(createDynamoClient(api.s.dynamoEndpoint));
}, 60_000);
afterAll(async () => {
  doc?.destroy();
  await api?.stop();
});

const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { id customerId items { productId } } }`;
const popularity = async (id: string): Promise<number> =>
  (await api.gql<{ product: { popularity: number } }>(api.admin, PRODUCT, { id })).body.data!.product.popularity;

/** A real order (so ordersByCustomer knows it) and its OrderCreated event on the bus. */
async function order(caller: Caller, customerId: string, productIds: string[]): Promise<string> {
  const r = await api.gql<{ createOrder: { id: string } }>(caller, CREATE_ORDER, {
    input: { customerId, currency: 'EUR', items: productIds.map((productId) => ({ productId, quantity: 1, unitPrice: 100 })) },
  });
  expect(r.body.errors).toBeUndefined();
  const id = r.body.data!.createOrder.id;
  await putOrderEvents(api, [orderCreated(id, customerId, productIds)]);
  return id;
}

/** The recommended ids of this file's recommendation products (`r…`; the drinks above are popular too). */
async function recommended(caller: Caller, customerId: string): Promise<string[]> {
  const r = await api.gql<{ recommendations: { id: string }[] }>(caller, RECOMMENDATIONS, { c: customerId, limit: 20 });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.recommendations.map((p) => p.id).filter((id) => id.startsWith('r'));
}

describe('popularity worker', () => {
  beforeAll(async () => {
    await upsert(api, product('hot', 'Hot Chocolate', 'drinks'));
    await upsert(api, product('warm', 'Warm Milk', 'drinks'));
  });

  it('counts each of 50 concurrent orders exactly once, and a replay of all of them not at all', async () => {
    const events = Array.from({ length: 50 }, (_, i) => orderCreated(`ord-hot-${i}`, `cust-${i}`, ['hot', 'hot', 'warm']));
    await putOrderEvents(api, events);
    expect(await popularity('hot')).toBe(50);
    expect(await popularity('warm')).toBe(50);
    await putOrderEvents(api, events);
    expect(await popularity('hot')).toBe(50);
    // A direct delivery of a counted order finds its markers.
    const worker = createPopularityWorker({ doc, tableName: api.s.tableName });
    const direct = await worker({ 'detail-type': 'OrderCreated', detail: events[7] });
    expect(direct.outcomes).toEqual({ hot: 'alreadyCounted', warm: 'alreadyCounted' });
    expect(api.s.eventBridge.bus.deadLetters.list()).toEqual([]);
  }, 120_000);

  it('ranks a category by popularity without a scan, and skips products not in the catalog', async () => {
    await putOrderEvents(api, [orderCreated('ord-warm-extra', 'cust-x', ['warm', 'not-in-catalog'])]);
    const r = await api.gql<{ productsByCategory: { items: { id: string; popularity: number }[] } }>(api.apiKey, BY_CATEGORY, {
      c: 'drinks',
      sort: 'POPULARITY',
    });
    expect(r.body.data!.productsByCategory.items).toEqual([
      { id: 'warm', name: 'Warm Milk', popularity: 51 },
      { id: 'hot', name: 'Hot Chocolate', popularity: 50 },
    ]);
  });

  it('keeps popularity across an admin upsert of the product', async () => {
    const p = await upsert(api, product('warm', 'Warm Oat Milk', 'drinks'));
    expect(p.popularity).toBe(51);
    expect(await popularity('warm')).toBe(51);
  });
});

describe('recommendations (seed scenario B)', () => {
  let acme: Caller;
  let other: Caller;
  beforeAll(async () => {
    for (const [id, name, category] of [
      ['rc-1', 'Colombia Beans', 'beans'],
      ['rc-2', 'Ethiopia Beans', 'beans'],
      ['rc-3', 'Kenya Beans', 'beans'],
      ['rt-1', 'Sencha Tea', 'tea'],
      ['rt-2', 'Assam Tea', 'tea'],
    ] as const)
      await upsert(api, product(id, name, category));
    acme = api.partner((await api.createPartnerKey('rec-acme')).secret);
    other = api.partner((await api.createPartnerKey('rec-other')).secret);
    // rt-2 is the most popular, then rc-3, then rc-2.
    for (const c of ['b1', 'b2', 'b3']) await order(api.admin, `rec-${c}`, ['rt-2']);
    for (const c of ['b4', 'b5']) await order(api.admin, `rec-${c}`, ['rc-3']);
    await order(api.admin, 'rec-b6', ['rc-2']);
  }, 120_000);

  it('gives a new customer the overall most popular products', async () => {
    expect((await recommended(api.admin, 'rec-newbie')).slice(0, 3)).toEqual(['rt-2', 'rc-3', 'rc-2']);
  });

  it("favours the customer's category and never returns what they bought", async () => {
    await order(api.admin, 'rec-alice', ['rc-1']);
    const ids = await recommended(api.admin, 'rec-alice');
    expect(ids.slice(0, 2)).toEqual(['rc-3', 'rc-2']);
    expect(ids).not.toContain('rc-1');
    expect(ids).toContain('rt-2');
  });

  it('includes a product for other customers once an order made it popular', async () => {
    for (const c of ['b7', 'b8', 'b9', 'b10']) await order(api.admin, `rec-${c}`, ['rt-1']);
    expect((await recommended(api.admin, 'rec-newbie'))[0]).toBe('rt-1');
  });

  it('lets a partner use only its own orders of the customer', async () => {
    await order(acme, 'rec-shared', ['rt-1']);
    expect(await recommended(acme, 'rec-shared')).not.toContain('rt-1');
    // Another partner sees none of acme's orders: the customer is new to it.
    expect((await recommended(other, 'rec-shared'))[0]).toBe('rt-1');
    expect(await recommended(api.admin, 'rec-shared')).not.toContain('rt-1');
  });

  it.each([[0], [51]])('rejects limit %i', async (limit) => {
    const r = await api.gql(api.admin, RECOMMENDATIONS, { c: 'rec-alice', limit });
    expect(r.body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('category on inventory items', () => {
  const SET_STOCK = 'mutation($i: SetStockInput!) { setStock(input: $i) { sequence } }';
  const stockItem = async (productId: string, warehouseId: string) =>
    (await doc.send(new GetCommand({ TableName: api.s.tableName, Key: inventoryKey(productId, warehouseId), ConsistentRead: true }))).Item!;

  it('is written when an item or its product is created and follows a category change, never as a stock movement', async () => {
    await api.gql(api.admin, SET_STOCK, { i: { productId: 'cat-p', warehouseId: 'north', onHand: 5 } });
    await upsert(api, product('cat-p', 'Tamper', 'tools'));
    await api.gql(api.admin, SET_STOCK, { i: { productId: 'cat-p', warehouseId: 'south', onHand: 3 } });
    await api.s.drainStreams();
    await api.s.drainStreams();
    expect(await stockItem('cat-p', 'north')).toMatchObject({ category: 'tools', sequence: 1, version: 1 });
    expect(await stockItem('cat-p', 'south')).toMatchObject({ category: 'tools', sequence: 1 });

    await upsert(api, product('cat-p', 'Tamper', 'barista'));
    await api.s.drainStreams();
    await api.s.drainStreams();
    expect(await stockItem('cat-p', 'north')).toMatchObject({ category: 'barista', sequence: 1, version: 1 });
    expect(await stockItem('cat-p', 'south')).toMatchObject({ category: 'barista', sequence: 1 });
    const ledger = await api.gql<{ stockLedger: { items: unknown[] } }>(
      api.admin,
      'query { stockLedger(productId: "cat-p", warehouseId: "north") { items { sequence } } }',
    );
    expect(ledger.body.data!.stockLedger.items).toHaveLength(1);
  }, 60_000);
});

describe('ProductUpdated', () => {
  it('is published for each admin write, schema-valid, and not for popularity increments', async () => {
    await upsert(api, product('ev-p', 'Milk Jug', 'tools', { description: 'Steel, 350 ml', price: 1999 }));
    await putOrderEvents(api, [orderCreated('ord-ev-p', 'cust-ev', ['ev-p'])]);
    await api.s.drainStreams();
    await api.s.eventBridge.bus.drain();
    const events = api.s.eventBridge.bus
      .events()
      .filter((e) => e['detail-type'] === 'ProductUpdated')
      .map((e) => e.detail as { data: { productId: string } })
      .filter((e) => e.data.productId === 'ev-p');
    expect(events).toHaveLength(1);
    expectValidEvent(events[0]);
    expect(events[0]).toMatchObject({
      source: 'stockroom.catalog',
      data: { productId: 'ev-p', name: 'Milk Jug', description: 'Steel, 350 ml', price: 1999, category: 'tools' },
    });
  });
});
