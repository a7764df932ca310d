/**
 * Orders end to end over HTTP on DynamoDB Local: creation and reads, both kinds of idempotency,
 * checkout from a reservation in one transaction, the status machine with restocking, and who may
 * touch which order. Concurrency lives in orders-concurrency.test.ts, bad input in
 * orders-validation.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../local/runtime/clock.js';
import { CHECK, LEDGER, RELEASE, RESERVATION, RESERVE, SET_STOCK, STOCK_LEVEL, type Caller } from './support/inventory-fixture.js';
import {
  CANCEL,
  ORDER,
  ORDERS,
  ORDERS_BY_CUSTOMER,
  UPDATE_STATUS,
  startOrdersFixture,
  type Order,
  type OrdersFixture,
} from './support/orders-fixture.js';

let f: OrdersFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

beforeAll(async () => {
  f = await startOrdersFixture('orders');
}, 60_000);
afterAll(async () => {
  testClock.reset();
  await f?.stop();
});
afterEach(() => testClock.reset());

interface Item {
  onHand: number;
  reserved: number;
  available: number;
  sequence: number;
}

async function stock(productId: string, warehouseId: string, onHand: number): Promise<Item> {
  const r = await f.gql<{ setStock: Item }>(f.admin, SET_STOCK, { input: { productId, warehouseId, onHand } });
  expect(r.errors).toBeUndefined();
  return r.data!.setStock;
}
async function level(productId: string, warehouseId: string): Promise<Item> {
  return (await f.gql<{ stockLevel: Item }>(f.admin, STOCK_LEVEL, { p: productId, w: warehouseId })).data!.stockLevel;
}
async function reserve(caller: Caller, lines: { productId: string; warehouseId?: string; quantity: number }[]): Promise<string> {
  const r = await f.gql<{ reserveStock: { id: string } }>(caller, RESERVE, { input: { requestId: uid('req'), lines } });
  expect(r.errors).toBeUndefined();
  return r.data!.reserveStock.id;
}
async function created(caller: Caller, input: Record<string, unknown>, headers?: Record<string, string>): Promise<Order> {
  const r = await f.createOrder(caller, input, headers);
  expect(r.errors).toBeUndefined();
  return r.data!.createOrder;
}
async function ledgerReasons(productId: string, warehouseId: string, since: number): Promise<string[]> {
  await f.stockroom.drainStreams();
  const r = await f.gql<{ stockLedger: { items: { reason: string }[] } }>(f.admin, LEDGER, { p: productId, w: warehouseId, since });
  return r.data!.stockLedger.items.map((e) => e.reason);
}
async function expectConsistent(productId: string): Promise<void> {
  await f.stockroom.drainStreams();
  const r = await f.gql<{ checkInventoryConsistency: { consistent: boolean; items: { mismatches: string[] }[] } }>(f.admin, CHECK, {
    p: productId,
  });
  expect(r.data!.checkInventoryConsistency.items.flatMap((i) => i.mismatches)).toEqual([]);
}
const simple = (customerId: string, over: Record<string, unknown> = {}) => ({
  customerId,
  currency: 'EUR',
  items: [
    { productId: 'p1', quantity: 2, unitPrice: 150 },
    { productId: 'p2', quantity: 1, unitPrice: 99 },
  ],
  ...over,
});

describe('createOrder and reads', () => {
  it('creates a PENDING order with line totals, total and history; its creator and admins read it', async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    expect(order).toMatchObject({ partnerId: 'partner-a', currency: 'EUR', total: 399, status: 'PENDING', reservationId: null });
    expect(order.id).toMatch(/^ord_[0-9A-Z]{26}$/);
    expect(order.items).toEqual([
      { productId: 'p1', warehouseId: null, quantity: 2, unitPrice: 150, lineTotal: 300 },
      { productId: 'p2', warehouseId: null, quantity: 1, unitPrice: 99, lineTotal: 99 },
    ]);
    expect(order.statusHistory).toEqual([{ status: 'PENDING', at: order.createdAt, actor: 'partner:partner-a', reason: null }]);
    expect((await f.gql<{ order: Order }>(f.partnerA, ORDER, { id: order.id })).data!.order).toEqual(order);
    expect((await f.gql<{ order: Order }>(f.admin, ORDER, { id: order.id })).data!.order).toEqual(order);
  });

  it("another partner's order reads exactly as a missing one", async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    const other = await f.gql<{ order: Order | null }>(f.partnerB, ORDER, { id: order.id });
    const missing = await f.gql<{ order: Order | null }>(f.partnerB, ORDER, { id: 'ord_01M8SQ00K5ZFYW2T9JE6TCKXEF' });
    expect(other).toEqual(missing);
    expect(other.data).toEqual({ order: null });
  });

  it('ordersByCustomer: newest first, paged by limit and nextToken, within [from, to], a partner sees only its own', async () => {
    const customer = uid('cust');
    const a: Order[] = [];
    for (let i = 0; i < 5; i++) {
      a.push(await created(f.partnerA, simple(customer, { items: [{ productId: 'p1', quantity: i + 1, unitPrice: 1 }] })));
      testClock.shift(1000);
    }
    const b = await created(f.partnerB, simple(customer));
    const newestFirst = [...a].reverse().map((o) => o.id);

    const page1 = await f.gql<{ ordersByCustomer: { items: Order[]; nextToken: string | null } }>(f.partnerA, ORDERS_BY_CUSTOMER, {
      c: customer,
      limit: 2,
    });
    expect(page1.data!.ordersByCustomer.items.map((o) => o.id)).toEqual(newestFirst.slice(0, 2));
    const page2 = await f.gql<{ ordersByCustomer: { items: Order[]; nextToken: string | null } }>(f.partnerA, ORDERS_BY_CUSTOMER, {
      c: customer,
      limit: 2,
      next: page1.data!.ordersByCustomer.nextToken,
    });
    expect(page2.data!.ordersByCustomer.items.map((o) => o.id)).toEqual(newestFirst.slice(2, 4));

    const all = await f.gql<{ ordersByCustomer: { items: Order[] } }>(f.partnerA, ORDERS_BY_CUSTOMER, { c: customer });
    expect(all.data!.ordersByCustomer.items.map((o) => o.id)).toEqual(newestFirst);
    const admin = await f.gql<{ ordersByCustomer: { items: Order[] } }>(f.admin, ORDERS_BY_CUSTOMER, { c: customer });
    expect(admin.data!.ordersByCustomer.items.map((o) => o.id)).toEqual([b.id, ...newestFirst]);

    const range = await f.gql<{ ordersByCustomer: { items: Order[] } }>(f.partnerA, ORDERS_BY_CUSTOMER, {
      c: customer,
      from: a[1]!.createdAt,
      to: a[3]!.createdAt,
    });
    expect(range.data!.ordersByCustomer.items.map((o) => o.id)).toEqual([a[3]!.id, a[2]!.id, a[1]!.id]);
  });

  it.each([0, 101, -1])('ordersByCustomer refuses limit %i', async (limit) => {
    const r = await f.gql(f.partnerA, ORDERS_BY_CUSTOMER, { c: 'cust-1', limit });
    expect(r.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'limit' } });
  });

  it('orders(status) lists an admin every order of a status, newest first', async () => {
    // Other tests shift the clock too: an hour ahead, these two are the newest orders.
    testClock.shift(60 * 60 * 1000);
    const first = await created(f.partnerA, simple(uid('c')));
    const second = await created(f.partnerB, simple(uid('c')));
    await f.gql(f.admin, UPDATE_STATUS, { id: second.id, s: 'PAID' });
    const pending = await f.gql<{ orders: { items: Order[] } }>(f.admin, ORDERS, { s: 'PENDING', limit: 100 });
    const ids = pending.data!.orders.items.map((o) => o.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(second.id);
    const paid = await f.gql<{ orders: { items: Order[] } }>(f.admin, ORDERS, { s: 'PAID' });
    expect(paid.data!.orders.items[0]!.id).toBe(second.id);
    const every = await f.gql<{ orders: { items: Order[] } }>(f.admin, ORDERS, { limit: 2 });
    expect(every.data!.orders.items.map((o) => o.id)).toEqual([second.id, first.id]);
  });
});

describe('who may touch orders', () => {
  it('the storefront key cannot create or read orders, nor list them', async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    for (const [query, variables] of [
      [ORDER, { id: order.id }],
      [ORDERS_BY_CUSTOMER, { c: order.customerId }],
      [ORDERS, {}],
      [CANCEL, { id: order.id }],
    ] as const) {
      const r = await f.gql(f.storefront, query, variables);
      expect(r.errors?.[0]?.errorType).toBe('Unauthorized');
    }
    expect((await f.createOrder(f.storefront, simple(uid('c')))).errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('partners need orders:write to create, inventory:reserve for a checkout, orders:read to read; orders() is for admins', async () => {
    const readOnly = await f.partnerWith('partner-r', ['orders:read', 'inventory:reserve']);
    const writeOnly = await f.partnerWith('partner-w', ['orders:write']);
    expect((await f.createOrder(readOnly, simple(uid('c')))).errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      errorInfo: { requiredScope: 'orders:write' },
    });
    const order = await created(writeOnly, simple(uid('c')));
    expect((await f.gql(writeOnly, ORDER, { id: order.id })).errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      errorInfo: { requiredScope: 'orders:read' },
    });
    const checkout = await f.createOrder(writeOnly, simple(uid('c'), { reservationId: 'res_abcdef' }));
    expect(checkout.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', errorInfo: { requiredScope: 'inventory:reserve' } });
    expect((await f.gql(f.partnerA, ORDERS, {})).errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it("a partner cannot transition another partner's order: it answers as a missing one", async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    const cancel = await f.gql(f.partnerB, CANCEL, { id: order.id });
    const missing = await f.gql(f.partnerB, CANCEL, { id: 'ord_01M8SQ00K5ZFYW2T9JE6TCKXEF' });
    expect(cancel.errors?.[0]?.errorType).toBe('NotFound');
    expect(cancel.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect((await f.gql<{ order: Order }>(f.admin, ORDER, { id: order.id })).data!.order.status).toBe('PENDING');
  });
});

describe('idempotency', () => {
  it('a duplicate with the same key returns the original order (same id, same body), as argument or header', async () => {
    const key = uid('key');
    const first = await created(f.partnerA, simple(uid('c'), { idempotencyKey: key }));
    const input = { ...simple(first.customerId) };
    testClock.shift(60 * 60 * 1000);
    expect(await created(f.partnerA, { ...input, idempotencyKey: key })).toEqual(first);
    expect(await created(f.partnerA, input, { 'idempotency-key': key })).toEqual(first);
    expect(await created(f.partnerA, { ...input, idempotencyKey: key }, { 'idempotency-key': key })).toEqual(first);
    expect((await f.tableState()).orders.filter((o) => o['customerId'] === first.customerId)).toHaveLength(1);
  });

  it('key argument and header that differ are a ValidationError, and nothing is written', async () => {
    const customer = uid('c');
    const r = await f.createOrder(f.partnerA, simple(customer, { idempotencyKey: 'one' }), { 'idempotency-key': 'two' });
    expect(r.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'idempotencyKey' } });
    expect((await f.tableState()).orders.filter((o) => o['customerId'] === customer)).toEqual([]);
  });

  it('the same key with another payload is IdempotencyKeyReused and changes nothing; keys are per caller', async () => {
    const key = uid('key');
    const customer = uid('c');
    const first = await created(f.partnerA, simple(customer, { idempotencyKey: key }));
    const reused = await f.createOrder(f.partnerA, simple(customer, { idempotencyKey: key, currency: 'USD' }));
    expect(reused.errors?.[0]).toMatchObject({ errorType: 'IdempotencyKeyReused', errorInfo: { idempotencyKey: key, orderId: first.id } });
    const other = await created(f.partnerB, simple(customer, { idempotencyKey: key, currency: 'USD' }));
    expect(other.id).not.toBe(first.id);
    expect((await f.tableState()).orders.filter((o) => o['customerId'] === customer)).toHaveLength(2);
  });

  it('a key holds for 24 hours; after that the same key makes a new order', async () => {
    const key = uid('key');
    const first = await created(f.partnerA, simple(uid('c'), { idempotencyKey: key }));
    testClock.shift(24 * 60 * 60 * 1000 - 1000);
    expect((await created(f.partnerA, simple(first.customerId, { idempotencyKey: key }))).id).toBe(first.id);
    testClock.shift(2000);
    expect((await created(f.partnerA, simple(first.customerId, { idempotencyKey: key }))).id).not.toBe(first.id);
  });

  it('without a key, an identical payload (keys and items in any order) within 15 s returns the original; after 15 s it is a new order', async () => {
    const customer = uid('c');
    const first = await created(f.partnerA, simple(customer));
    const reordered = {
      items: [
        { unitPrice: 99, quantity: 1, productId: 'p2' },
        { productId: 'p1', unitPrice: 150, quantity: 2 },
      ],
      currency: 'EUR',
      customerId: customer,
    };
    testClock.shift(14_000);
    expect(await created(f.partnerA, reordered)).toEqual(first);
    expect((await created(f.partnerB, reordered)).id).not.toBe(first.id);
    testClock.shift(1_000);
    const later = await created(f.partnerA, reordered);
    expect(later.id).not.toBe(first.id);
    expect((await f.tableState()).orders.filter((o) => o['customerId'] === customer)).toHaveLength(3);
  });
});

describe('checkout from a reservation', () => {
  it('one transaction: the order with warehouse lines, the reservation CONFIRMED, its stock committed (ledger CONFIRMED)', async () => {
    const p = uid('co');
    const q = uid('co');
    await stock(p, 'east', 2);
    const west = await stock(p, 'west', 10);
    await stock(q, 'east', 5);
    const reservationId = await reserve(f.partnerA, [
      { productId: p, warehouseId: 'east', quantity: 2 },
      { productId: p, warehouseId: 'west', quantity: 1 },
      { productId: q, quantity: 4 },
    ]);
    const order = await created(f.partnerA, {
      customerId: uid('c'),
      currency: 'EUR',
      reservationId,
      idempotencyKey: uid('k'),
      items: [
        { productId: q, quantity: 4, unitPrice: 10 },
        { productId: p, quantity: 3, unitPrice: 100 },
      ],
    });
    expect(order).toMatchObject({ reservationId, total: 340, status: 'PENDING' });
    expect(order.items).toEqual([
      { productId: q, warehouseId: 'east', quantity: 4, unitPrice: 10, lineTotal: 40 },
      { productId: p, warehouseId: 'east', quantity: 2, unitPrice: 100, lineTotal: 200 },
      { productId: p, warehouseId: 'west', quantity: 1, unitPrice: 100, lineTotal: 100 },
    ]);
    expect(
      (await f.gql<{ reservation: { status: string } }>(f.partnerA, RESERVATION, { id: reservationId })).data!.reservation.status,
    ).toBe('CONFIRMED');
    expect(await level(p, 'east')).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    expect(await level(p, 'west')).toMatchObject({ onHand: 9, reserved: 0, available: 9 });
    expect(await level(q, 'east')).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expect(await ledgerReasons(p, 'west', west.sequence)).toEqual(['RESERVED', 'CONFIRMED']);
    await expectConsistent(p);
    await expectConsistent(q);
  });

  it('a retried checkout returns the original order although the reservation is now CONFIRMED', async () => {
    const p = uid('retry');
    await stock(p, 'east', 5);
    const reservationId = await reserve(f.partnerA, [{ productId: p, warehouseId: 'east', quantity: 2 }]);
    const input = { customerId: uid('c'), currency: 'EUR', reservationId, items: [{ productId: p, quantity: 2, unitPrice: 7 }] };
    const first = await created(f.partnerA, { ...input, idempotencyKey: 'checkout-1' });
    expect(await created(f.partnerA, { ...input, idempotencyKey: 'checkout-1' })).toEqual(first);
    // The explicit key wins: a keyed order registers no payload fingerprint, so this is a new checkout.
    expect((await f.createOrder(f.partnerA, input)).errors?.[0]).toMatchObject({
      errorType: 'InvalidTransition',
      errorInfo: { status: 'CONFIRMED' },
    });
  });

  describe('refusals name the reason and write nothing', () => {
    async function refused(caller: Caller, input: Record<string, unknown>, productId: string) {
      const before = await level(productId, 'east');
      const ordersBefore = (await f.tableState()).orders.length;
      const r = await f.createOrder(caller, input);
      expect(await level(productId, 'east')).toEqual(before);
      const state = await f.tableState();
      expect(state.orders).toHaveLength(ordersBefore);
      expect([...state.keys, ...state.fingerprints].filter((k) => String(k['pk']).includes(String(input['customerId'])))).toEqual([]);
      return r.errors?.[0];
    }
    const checkout = (productId: string, reservationId: string, quantity = 2) => ({
      customerId: uid('c'),
      currency: 'EUR',
      reservationId,
      items: [{ productId, quantity, unitPrice: 5 }],
    });

    it('mismatched lines: ValidationError naming the item', async () => {
      const p = uid('mm');
      await stock(p, 'east', 5);
      const id = await reserve(f.partnerA, [{ productId: p, warehouseId: 'east', quantity: 2 }]);
      const error = await refused(f.partnerA, checkout(p, id, 3), p);
      expect(error).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'items[0].quantity' } });
      expect((await f.gql<{ reservation: { status: string } }>(f.partnerA, RESERVATION, { id })).data!.reservation.status).toBe('ACTIVE');
    });

    it('unknown reservation: NotFound', async () => {
      const p = uid('nf');
      await stock(p, 'east', 5);
      expect(await refused(f.partnerA, checkout(p, 'res_doesnotexist'), p)).toMatchObject({ errorType: 'NotFound' });
    });

    it("someone else's reservation: NotFound, exactly as an unknown one", async () => {
      const p = uid('other');
      await stock(p, 'east', 5);
      const id = await reserve(f.partnerB, [{ productId: p, warehouseId: 'east', quantity: 2 }]);
      const error = await refused(f.partnerA, checkout(p, id), p);
      expect(error).toMatchObject({ errorType: 'NotFound', errorInfo: { reservationId: id } });
      const unknown = await refused(f.partnerA, checkout(p, 'res_doesnotexist'), p);
      expect({ ...error, errorInfo: {} }).toEqual({ ...unknown, errorInfo: {} });
      expect((await f.gql<{ reservation: { status: string } }>(f.partnerB, RESERVATION, { id })).data!.reservation.status).toBe('ACTIVE');
    });

    it('expired reservation (its hold time passed, before the sweeper ran): ReservationExpired', async () => {
      const p = uid('exp');
      await stock(p, 'east', 5);
      const id = await reserve(f.partnerA, [{ productId: p, warehouseId: 'east', quantity: 2 }]);
      testClock.shift(15 * 60 * 1000 + 1000);
      expect(await refused(f.partnerA, checkout(p, id), p)).toMatchObject({
        errorType: 'ReservationExpired',
        errorInfo: { reservationId: id },
      });
    });

    it('released reservation: InvalidTransition with its status', async () => {
      const p = uid('rel');
      await stock(p, 'east', 5);
      const id = await reserve(f.partnerA, [{ productId: p, warehouseId: 'east', quantity: 2 }]);
      await f.gql(f.partnerA, RELEASE, { id });
      expect(await refused(f.partnerA, checkout(p, id), p)).toMatchObject({
        errorType: 'InvalidTransition',
        errorInfo: { reservationId: id, status: 'RELEASED' },
      });
    });
  });
});

describe('status machine', () => {
  it('PENDING → PAID → SHIPPED → DELIVERED, each step in the history', async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    let last = order;
    for (const s of ['PAID', 'SHIPPED', 'DELIVERED']) {
      const r = await f.gql<{ updateOrderStatus: Order }>(f.admin, UPDATE_STATUS, { id: order.id, s });
      expect(r.errors).toBeUndefined();
      last = r.data!.updateOrderStatus;
      expect(last.status).toBe(s);
    }
    expect(last.statusHistory.map((h) => [h.status, h.actor])).toEqual([
      ['PENDING', 'partner:partner-a'],
      ['PAID', 'admin:admin'],
      ['SHIPPED', 'admin:admin'],
      ['DELIVERED', 'admin:admin'],
    ]);
    expect((await f.gql<{ order: Order }>(f.partnerA, ORDER, { id: order.id })).data!.order).toEqual(last);
  });

  it.each([
    ['PENDING', 'SHIPPED'],
    ['PENDING', 'DELIVERED'],
    ['PENDING', 'PENDING'],
    ['PAID', 'PAID'],
    ['PAID', 'DELIVERED'],
  ])('%s → %s is InvalidTransition with the current status', async (from, to) => {
    const order = await created(f.partnerA, simple(uid('c')));
    if (from === 'PAID') await f.gql(f.admin, UPDATE_STATUS, { id: order.id, s: 'PAID' });
    const r = await f.gql(f.admin, UPDATE_STATUS, { id: order.id, s: to });
    expect(r.errors?.[0]).toMatchObject({ errorType: 'InvalidTransition', errorInfo: { status: from, target: to } });
  });

  it('expectedStatus must be the current status', async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    const r = await f.gql(f.admin, UPDATE_STATUS, { id: order.id, s: 'CANCELED', e: 'PAID' });
    expect(r.errors?.[0]).toMatchObject({ errorType: 'InvalidTransition', errorInfo: { status: 'PENDING', expectedStatus: 'PAID' } });
    const ok = await f.gql<{ updateOrderStatus: Order }>(f.admin, UPDATE_STATUS, { id: order.id, s: 'PAID', e: 'PENDING' });
    expect(ok.data!.updateOrderStatus.status).toBe('PAID');
  });

  it('cancel keeps its reason; a shipped or canceled order cannot be canceled', async () => {
    const order = await created(f.partnerA, simple(uid('c')));
    const r = await f.gql<{ cancelOrder: Order }>(f.partnerA, CANCEL, { id: order.id, r: 'customer changed their mind' });
    expect(r.data!.cancelOrder.statusHistory.at(-1)).toMatchObject({
      status: 'CANCELED',
      actor: 'partner:partner-a',
      reason: 'customer changed their mind',
    });
    expect((await f.gql(f.partnerA, CANCEL, { id: order.id })).errors?.[0]).toMatchObject({
      errorType: 'InvalidTransition',
      errorInfo: { status: 'CANCELED' },
    });
    const shipped = await created(f.partnerA, simple(uid('c')));
    await f.gql(f.admin, UPDATE_STATUS, { id: shipped.id, s: 'PAID' });
    await f.gql(f.admin, UPDATE_STATUS, { id: shipped.id, s: 'SHIPPED' });
    expect((await f.gql(f.admin, CANCEL, { id: shipped.id })).errors?.[0]).toMatchObject({
      errorType: 'InvalidTransition',
      errorInfo: { status: 'SHIPPED' },
    });
  });

  it.each(['PENDING', 'PAID'])('canceling a %s checkout order restocks each warehouse line (ledger RESTOCKED)', async (from) => {
    const p = uid('rs');
    await stock(p, 'east', 3);
    await stock(p, 'west', 3);
    const id = await reserve(f.partnerA, [
      { productId: p, warehouseId: 'east', quantity: 3 },
      { productId: p, warehouseId: 'west', quantity: 1 },
    ]);
    const order = await created(f.partnerA, {
      customerId: uid('c'),
      currency: 'EUR',
      reservationId: id,
      items: [
        { productId: p, quantity: 1, unitPrice: 5 },
        { productId: p, quantity: 3, unitPrice: 4 },
      ],
    });
    if (from === 'PAID') await f.gql(f.admin, UPDATE_STATUS, { id: order.id, s: 'PAID' });
    const east = await level(p, 'east');
    expect(east).toMatchObject({ onHand: 0 });
    const r = await f.gql<{ cancelOrder: Order }>(f.partnerA, CANCEL, { id: order.id });
    expect(r.errors).toBeUndefined();
    expect(await level(p, 'east')).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(await level(p, 'west')).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(await ledgerReasons(p, 'east', east.sequence)).toEqual(['RESTOCKED']);
    await expectConsistent(p);
  });

  it('a cancel whose restock would lift onHand past 1,000,000,000 is a ValidationError that changes nothing', async () => {
    const p = uid('cap');
    await stock(p, 'east', 3);
    const id = await reserve(f.partnerA, [{ productId: p, warehouseId: 'east', quantity: 3 }]);
    const order = await created(f.partnerA, {
      customerId: uid('c'),
      currency: 'EUR',
      reservationId: id,
      items: [{ productId: p, quantity: 3, unitPrice: 5 }],
    });
    // Stock raised to the cap after the order committed its 3 units.
    const full = await stock(p, 'east', 999_999_999);
    const r = await f.gql<{ cancelOrder: Order }>(f.partnerA, CANCEL, { id: order.id });
    expect(r.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { productId: p, warehouseId: 'east', onHand: 999_999_999, quantity: 3, maxOnHand: 1_000_000_000 },
    });
    expect(await level(p, 'east')).toMatchObject({ onHand: 999_999_999, sequence: full.sequence });
    const still = await f.gql<{ order: Order }>(f.admin, `query($id: ID!) { order(id: $id) { status } }`, { id: order.id });
    expect(still.data?.order.status).toBe(order.status);
    // Once onHand is lowered the same cancel goes through and restocks.
    await stock(p, 'east', 10);
    const again = await f.gql<{ cancelOrder: Order }>(f.partnerA, CANCEL, { id: order.id });
    expect(again.errors).toBeUndefined();
    expect(await level(p, 'east')).toMatchObject({ onHand: 13 });
  });
});
