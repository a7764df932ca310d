/**
 * The popularity worker called directly, as EventBridge would, on DynamoDB Local: one point per
 * distinct product per order, exactly once under concurrency and redelivery, the index keys in
 * step with the count, and typed refusals of malformed events.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopularityWorker } from '../../functions/popularity/index.js';
import { incrementPopularity } from '../../functions/popularity/increment.js';
import { OrderEventError } from '../../functions/popularity/order-event.js';
import { popularitySortKey, productKey } from '../../model/catalog/keys.js';
import { orderCreated } from '../e2e/support/catalog-fixture.js';
import { createHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('pop');
}, 60_000);
afterAll(async () => {
  await h?.destroy();
});

async function putProduct(id: string, popularity = 0): Promise<void> {
  await h.doc.send(
    new PutCommand({
      TableName: h.table,
      Item: { ...productKey(id), entity: 'Product', id, name: id, category: 'c', popularity, gsi9sk: popularitySortKey(popularity, id) },
    }),
  );
}
async function stored(id: string): Promise<{ popularity: number; gsi9sk: string; gsi11sk?: string }> {
  const out = await h.doc.send(new GetCommand({ TableName: h.table, Key: productKey(id), ConsistentRead: true }));
  return out.Item as { popularity: number; gsi9sk: string; gsi11sk?: string };
}
const delivery = (orderId: string, productIds: string[]) => ({
  'detail-type': 'OrderCreated',
  source: 'stockroom.orders',
  detail: orderCreated(orderId, 'cust-1', productIds),
});

describe('popularity worker', () => {
  it('counts a product once per order, however often it is listed or delivered', async () => {
    await putProduct('p-once');
    const worker = createPopularityWorker({ doc: h.doc, tableName: h.table });
    const event = delivery('o-1', ['p-once', 'p-once', 'p-missing']);
    expect((await worker(event)).outcomes).toEqual({ 'p-once': 'counted', 'p-missing': 'noProduct' });
    expect((await worker(event)).outcomes).toEqual({ 'p-once': 'alreadyCounted', 'p-missing': 'noProduct' });
    expect(await stored('p-once')).toMatchObject({
      popularity: 1,
      gsi9sk: popularitySortKey(1, 'p-once'),
      gsi11sk: popularitySortKey(1, 'p-once'),
    });
  });

  it('counts 50 concurrent orders and their 50 concurrent redeliveries exactly 50 times, keys in step', async () => {
    await putProduct('p-hot', 7);
    const worker = createPopularityWorker({ doc: h.doc, tableName: h.table });
    const events = Array.from({ length: 50 }, (_, i) => delivery(`o-hot-${i}`, ['p-hot']));
    await Promise.all([...events, ...events].map((e) => worker(e)));
    expect(await stored('p-hot')).toMatchObject({
      popularity: 57,
      gsi9sk: popularitySortKey(57, 'p-hot'),
      gsi11sk: popularitySortKey(57, 'p-hot'),
    });
  }, 120_000);

  it('heals index keys left behind (a fix-up that failed) when the event is redelivered', async () => {
    await putProduct('p-heal', 3);
    await h.doc.send(
      new PutCommand({ TableName: h.table, Item: { pk: 'POPULARITY#o-heal', sk: 'PRODUCT#p-heal', entity: 'PopularityMark' } }),
    );
    expect(await incrementPopularity('o-heal', 'p-heal', { doc: h.doc, tableName: h.table })).toBe('alreadyCounted');
    await h.doc.send(
      new PutCommand({
        TableName: h.table,
        Item: { ...productKey('p-heal'), entity: 'Product', id: 'p-heal', popularity: 4, gsi9sk: popularitySortKey(3, 'p-heal') },
      }),
    );
    expect(await incrementPopularity('o-heal', 'p-heal', { doc: h.doc, tableName: h.table })).toBe('alreadyCounted');
    expect((await stored('p-heal')).gsi9sk).toBe(popularitySortKey(4, 'p-heal'));
  });

  it.each([
    ['another detail-type', { 'detail-type': 'OrderStatusChanged', detail: {} }],
    ['no data', { 'detail-type': 'OrderCreated', detail: {} }],
    ['no order id', { 'detail-type': 'OrderCreated', detail: { data: { items: [{ productId: 'p' }] } } }],
    ['no items', { 'detail-type': 'OrderCreated', detail: { data: { orderId: 'o', items: [] } } }],
    ['an item without product', { 'detail-type': 'OrderCreated', detail: { data: { orderId: 'o', items: [{}] } } }],
  ])('refuses %s (so EventBridge retries and dead-letters it)', async (_name, event) => {
    const worker = createPopularityWorker({ doc: h.doc, tableName: h.table });
    await expect(worker(event)).rejects.toBeInstanceOf(OrderEventError);
  });
});
