/**
 * functions/receipts on DynamoDB Local: one receipt per order from its OrderCreated, a conditional
 * put so any number of deliveries (sequential or concurrent) store it once, and a malformed event
 * refused with its reason (the local bus then parks it in the dead-letter queue:
 * tests/e2e/event-pipeline.test.ts).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/receipts/index.js';
import { receiptKey } from '../../model/receipts.js';
import { createHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('rc');
});
afterAll(async () => {
  await h?.destroy();
});

function orderCreated(orderId: string, eventId = `${orderId.replace(/[^A-Za-z0-9]/g, '')}${'0'.repeat(24)}`.slice(0, 32)) {
  return {
    version: '0',
    id: `bus-${orderId}`,
    'detail-type': 'OrderCreated',
    source: 'stockroom.orders',
    account: '000000000000',
    time: '2026-12-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventId,
      type: 'OrderCreated',
      version: 1,
      occurredAt: '2026-12-01T12:00:00.000Z',
      source: 'stockroom.orders',
      data: {
        orderId,
        customerId: 'cust-42',
        items: [{ productId: 'p-1', quantity: 2, unitPrice: 1299 }],
        currency: 'EUR',
        total: 2598,
        status: 'PENDING',
        reservationId: null,
        createdAt: '2026-12-01T12:00:00.000Z',
      },
    },
  };
}

const invoke = (event: unknown) => h.functions.invoke('receipts', event) as Promise<{ stored: boolean; receiptId: string }>;
const stored = async (orderId: string) =>
  (await h.doc.send(new GetCommand({ TableName: h.table, Key: receiptKey(orderId), ConsistentRead: true }))).Item;

describe('functions/receipts', () => {
  it('is wired with PutItem on receipt items only', () => {
    expect(h.functions.environment('receipts')['TABLE_NAME']).toBe(h.table);
    expect(handler).toBeTypeOf('function');
  });

  it('stores the receipt of an order', async () => {
    await expect(invoke(orderCreated('ord_R1'))).resolves.toEqual({ stored: true, receiptId: 'rcpt_R1' });
    expect(await stored('ord_R1')).toMatchObject({
      entity: 'Receipt',
      id: 'rcpt_R1',
      orderId: 'ord_R1',
      customerId: 'cust-42',
      items: [{ productId: 'p-1', quantity: 2, unitPrice: 1299 }],
      currency: 'EUR',
      total: 2598,
      sourceEventId: orderCreated('ord_R1').detail.eventId,
    });
  });

  it('a redelivery changes nothing: the first receipt stays, untouched', async () => {
    await invoke(orderCreated('ord_R2'));
    const first = await stored('ord_R2');
    await expect(invoke(orderCreated('ord_R2'))).resolves.toEqual({ stored: false, receiptId: 'rcpt_R2' });
    expect(await stored('ord_R2')).toEqual(first);
  });

  it('concurrent deliveries of one order store exactly one receipt', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => invoke(orderCreated('ord_R3'))));
    expect(outcomes.filter((o) => o.stored)).toHaveLength(1);
    expect(await stored('ord_R3')).toBeDefined();
  });

  it.each([
    ['another event type', { ...orderCreated('ord_R4'), detail: { ...orderCreated('ord_R4').detail, type: 'OrderStatusChanged' } }],
    ['no detail', { ...orderCreated('ord_R4'), detail: 'oops' }],
    [
      'no items',
      {
        ...orderCreated('ord_R4'),
        detail: { ...orderCreated('ord_R4').detail, data: { ...orderCreated('ord_R4').detail.data, items: [] } },
      },
    ],
  ])('refuses %s with the reason, storing nothing', async (_name, event) => {
    await expect(invoke(event)).rejects.toThrow(/not an OrderCreated event/);
    expect(await stored('ord_R4')).toBeUndefined();
  });
});
