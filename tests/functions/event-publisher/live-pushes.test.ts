/**
 * What the event publisher pushes live: stock movements (publishStockChange) and orders created or
 * changing status (publishOrderChange), in stream order per item; a failed push fails its record
 * and the item's later records, and leaves other items alone.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedStreamRecord } from '../../../functions/commons/stream-records.js';
import { livePushOf, pushLiveChanges, type LivePush } from '../../../functions/event-publisher/live-pushes.js';

const order = (status: string, over: Record<string, unknown> = {}) => ({
  pk: 'ORDER#ord_1',
  sk: 'ORDER',
  entity: 'Order',
  id: 'ord_1',
  customerId: 'cust-1',
  partnerId: 'partner-a',
  scope: 'partner-a',
  items: [{ productId: 'p1', warehouseId: null, quantity: 1, unitPrice: 5, lineTotal: 5 }],
  currency: 'EUR',
  total: 5,
  status,
  reservationId: null,
  stockCommitted: false,
  idempotencyKey: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  statusHistory: [{ status: 'PENDING', at: '2026-01-01T00:00:00.000Z', actor: 'partner:partner-a', reason: null }],
  version: 1,
  ...over,
});

function record(eventName: ParsedStreamRecord['eventName'], newImage?: Record<string, unknown>, oldImage?: Record<string, unknown>) {
  const image = newImage ?? oldImage ?? {};
  return { eventId: 'e', eventName, sequenceNumber: '1', keys: { pk: image['pk'], sk: image['sk'] }, newImage, oldImage };
}

describe('livePushOf for orders', () => {
  it.each([
    ['a new order', record('INSERT', order('PENDING')), 'PENDING'],
    ['a status change', record('MODIFY', order('PAID'), order('PENDING')), 'PAID'],
    ['a write that keeps the status', record('MODIFY', order('PAID', { version: 3 }), order('PAID')), undefined],
    ['a removed order', record('REMOVE', undefined, order('PAID')), undefined],
    ['another entity', record('INSERT', { ...order('PENDING'), entity: 'OrderIdempotencyKey' }), undefined],
  ])('%s → %s', (_name, r, status) => {
    const push = livePushOf(r as ParsedStreamRecord);
    if (status === undefined) expect(push).toBeUndefined();
    else expect(push).toMatchObject({ kind: 'order', change: { id: 'ord_1', status, partnerId: 'partner-a' } });
  });

  it('selects every field of Order and nothing stored beside it', () => {
    const push = livePushOf(record('INSERT', order('PENDING')) as ParsedStreamRecord);
    expect(Object.keys(push!.change).sort()).toEqual(
      [
        'createdAt',
        'currency',
        'customerId',
        'id',
        'items',
        'partnerId',
        'reservationId',
        'status',
        'statusHistory',
        'total',
        'updatedAt',
      ].sort(),
    );
  });

  it.each([
    ['a missing customerId', { customerId: undefined }],
    ['an unknown status', { status: 'LOST' }],
    ['a non-integer total', { total: 1.5 }],
    ['items that are not a list', { items: 'p1' }],
  ])('refuses an order image with %s', (_name, over) => {
    expect(() => livePushOf(record('INSERT', order('PENDING', over)) as ParsedStreamRecord)).toThrow(/NewImage\./);
  });
});

describe('pushLiveChanges', () => {
  const stock = (productId: string, sequence: number): LivePush => ({
    kind: 'stock',
    change: {
      productId,
      warehouseId: 'w',
      onHand: 1,
      reserved: 0,
      available: 1,
      threshold: 0,
      status: 'IN_STOCK',
      sequence,
      reason: null,
      at: 'x',
    },
  });
  const orderPush = (id: string, status: 'PENDING' | 'PAID'): LivePush => ({
    kind: 'order',
    change: {
      ...(livePushOf(record('INSERT', order(status, { id })) as ParsedStreamRecord) as Extract<LivePush, { kind: 'order' }>).change,
    },
  });

  it('pushes each item in stream order and fails the failed record with the item’s later ones only', async () => {
    const sent: string[] = [];
    const entries = [
      stock('p1', 1),
      orderPush('ord_a', 'PENDING'),
      stock('p1', 2),
      orderPush('ord_a', 'PAID'),
      stock('p2', 1),
      stock('p1', 3),
    ].map((push, n) => ({ record: n, push }));
    const failures = await pushLiveChanges(entries, {
      stock: async (c) => {
        if (c.productId === 'p1' && c.sequence === 2) throw new Error('refused');
        sent.push(`s:${c.productId}:${c.sequence}`);
      },
      order: async (c) => void sent.push(`o:${c.id}:${c.status}`),
    });
    expect(failures.map((f) => f.record)).toEqual([2, 5]);
    expect(sent.filter((s) => s.startsWith('s:p1'))).toEqual(['s:p1:1']);
    expect(sent.filter((s) => s.startsWith('o:'))).toEqual(['o:ord_a:PENDING', 'o:ord_a:PAID']);
    expect(sent).toContain('s:p2:1');
  });

  it('skips a kind without a publisher (nothing fails)', async () => {
    expect(await pushLiveChanges([{ record: 0, push: orderPush('ord_b', 'PAID') }], {})).toEqual([]);
  });
});
