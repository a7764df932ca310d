/**
 * Which order and receipt events a change-stream record means (functions/event-publisher/
 * order-events.ts, receipt-events.ts), from items shaped exactly as the writers store them
 * (model/orders/records.ts `newOrderItem`, functions/receipts `receiptItem`). Every event is
 * validated against its JSON Schema in events/.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedStreamRecord } from '../../../functions/commons/stream-records.js';
import { domainEventsFor, eventIdFor } from '../../../functions/event-publisher/domain-events.js';
import { receiptItem } from '../../../functions/receipts/receipt.js';
import { newOrderItem, type OrderItemRecord } from '../../../model/orders/records.js';
import { expectValidEvent } from '../../events/validate.js';

const created = '2026-12-01T12:00:00.000Z';

function order(items: OrderItemRecord[], reservationId: string | null = null) {
  return newOrderItem({
    id: 'ord_01JABCDEF',
    customerId: 'cust-42',
    partnerId: 'acme',
    scope: 'acme',
    actor: 'partner:acme',
    items,
    currency: 'EUR',
    total: items.reduce((n, i) => n + i.lineTotal, 0),
    reservationId,
    stockCommitted: reservationId !== null,
    idempotencyKey: null,
    now: created,
  }).item;
}

const line = (productId: string, quantity: number, unitPrice: number, warehouseId: string | null = null): OrderItemRecord => ({
  productId,
  warehouseId,
  quantity,
  unitPrice,
  lineTotal: quantity * unitPrice,
});

let n = 0;
function rec(
  eventName: ParsedStreamRecord['eventName'],
  newImage?: Record<string, unknown>,
  oldImage?: Record<string, unknown>,
): ParsedStreamRecord {
  n += 1;
  const item = (newImage ?? oldImage)!;
  return {
    eventId: `ord-evt-${n}`,
    eventName,
    sequenceNumber: String(n).padStart(21, '0'),
    keys: { pk: item['pk'], sk: item['sk'] },
    newImage,
    oldImage,
    approximateCreationDateTime: 1764590400,
  };
}

function moved(item: Record<string, unknown>, status: string, at: string): Record<string, unknown> {
  const history = item['statusHistory'] as unknown[];
  return { ...item, status, updatedAt: at, statusHistory: [...history, { status, at, actor: 'admin:alice', reason: null }] };
}

describe('functions/event-publisher: order events', () => {
  it('an order INSERT is one OrderCreated with the lines as ordered, the total and the reservation', () => {
    const r = rec('INSERT', order([line('p-1', 2, 1299), line('p-2', 1, 500)]));
    const events = domainEventsFor(r);
    events.forEach(expectValidEvent);
    expect(events).toEqual([
      {
        eventId: eventIdFor(r.eventId, 'OrderCreated'),
        type: 'OrderCreated',
        version: 1,
        occurredAt: created,
        source: 'stockroom.orders',
        data: {
          orderId: 'ord_01JABCDEF',
          customerId: 'cust-42',
          items: [
            { productId: 'p-1', quantity: 2, unitPrice: 1299 },
            { productId: 'p-2', quantity: 1, unitPrice: 500 },
          ],
          currency: 'EUR',
          total: 3098,
          status: 'PENDING',
          reservationId: null,
          createdAt: created,
        },
      },
    ]);
  });

  it("joins a checkout's per-warehouse lines back into the items ordered", () => {
    const item = order([line('p-1', 60, 100, 'wh-1'), line('p-1', 40, 100, 'wh-2'), line('p-2', 3, 7, 'wh-1')], 'res_abc');
    const [event] = domainEventsFor(rec('INSERT', item));
    expectValidEvent(event);
    expect(event!.data['items']).toEqual([
      { productId: 'p-1', quantity: 100, unitPrice: 100 },
      { productId: 'p-2', quantity: 3, unitPrice: 7 },
    ]);
    expect(event!.data['reservationId']).toBe('res_abc');
  });

  it.each([
    ['PENDING', 'PAID'],
    ['PAID', 'SHIPPED'],
    ['SHIPPED', 'DELIVERED'],
    ['PENDING', 'CANCELED'],
    ['PAID', 'CANCELED'],
  ])('a status change %s → %s is one OrderStatusChanged at the transition time', (from, to) => {
    const before = moved(order([line('p-1', 1, 10)]), from, '2026-12-01T12:01:00.000Z');
    const after = moved(before, to, '2026-12-01T12:05:00.000Z');
    const r = rec('MODIFY', after, before);
    const events = domainEventsFor(r);
    events.forEach(expectValidEvent);
    expect(events).toEqual([
      {
        eventId: eventIdFor(r.eventId, 'OrderStatusChanged'),
        type: 'OrderStatusChanged',
        version: 1,
        occurredAt: '2026-12-01T12:05:00.000Z',
        source: 'stockroom.orders',
        data: { orderId: 'ord_01JABCDEF', customerId: 'cust-42', from, to, at: '2026-12-01T12:05:00.000Z' },
      },
    ]);
  });

  it.each([
    ['a write that keeps the status', () => rec('MODIFY', { ...order([line('p-1', 1, 10)]), version: 2 }, order([line('p-1', 1, 10)]))],
    ['a removal', () => rec('REMOVE', undefined, order([line('p-1', 1, 10)]))],
  ])('%s publishes nothing', (_name, make) => {
    expect(domainEventsFor(make())).toEqual([]);
  });

  it('gives a replayed record the same event id, and another record another one', () => {
    const item = order([line('p-1', 1, 10)]);
    const r = rec('INSERT', item);
    expect(domainEventsFor({ ...r })[0]!.eventId).toBe(domainEventsFor(r)[0]!.eventId);
    expect(domainEventsFor(rec('INSERT', item))[0]!.eventId).not.toBe(domainEventsFor(r)[0]!.eventId);
  });

  it.each([
    ['no items', { items: [] }],
    ['a status that is no order status', { status: 'LOST' }],
    ['a total that is not an integer', { total: 'ten' }],
  ])('an unreadable order (%s) throws, so the record fails alone', (_name, patch) => {
    expect(() => domainEventsFor(rec('INSERT', { ...order([line('p-1', 1, 10)]), ...patch }))).toThrow(/Order\./);
  });
});

describe('functions/event-publisher: receipt events', () => {
  const receipt: Record<string, unknown> = receiptItem(
    {
      eventId: 'a'.repeat(32),
      orderId: 'ord_01JABCDEF',
      customerId: 'cust-42',
      items: [{ productId: 'p-1', quantity: 2, unitPrice: 1299 }],
      currency: 'EUR',
      total: 2598,
    },
    new Date('2026-12-01T12:00:01.000Z'),
  );

  it('a receipt INSERT is one ReceiptGenerated', () => {
    const r = rec('INSERT', receipt);
    const events = domainEventsFor(r);
    events.forEach(expectValidEvent);
    expect(events).toEqual([
      {
        eventId: eventIdFor(r.eventId, 'ReceiptGenerated'),
        type: 'ReceiptGenerated',
        version: 1,
        occurredAt: '2026-12-01T12:00:01.000Z',
        source: 'stockroom.receipts',
        data: {
          receiptId: 'rcpt_01JABCDEF',
          orderId: 'ord_01JABCDEF',
          customerId: 'cust-42',
          currency: 'EUR',
          total: 2598,
          generatedAt: '2026-12-01T12:00:01.000Z',
        },
      },
    ]);
  });

  it.each([
    ['MODIFY', () => rec('MODIFY', receipt, receipt)],
    ['REMOVE', () => rec('REMOVE', undefined, receipt)],
  ])('a receipt %s publishes nothing', (_name, make) => {
    expect(domainEventsFor(make())).toEqual([]);
  });
});
