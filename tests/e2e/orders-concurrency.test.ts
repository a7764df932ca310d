/**
 * Orders under real concurrency over HTTP on DynamoDB Local: duplicates never make a second order,
 * one of two racing transitions wins, a reservation backs one order only, and with injected
 * transaction conflicts (what AWS raises under contention) retries still make exactly one order each.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../local/runtime/clock.js';
import { CHECK, RESERVATION, RESERVE, SET_STOCK, STOCK_LEVEL, type Caller, type GraphQLResponse } from './support/inventory-fixture.js';
import { CANCEL, UPDATE_STATUS, startOrdersFixture, type Order, type OrdersFixture } from './support/orders-fixture.js';

let f: OrdersFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

beforeAll(async () => {
  f = await startOrdersFixture('ordconc');
}, 60_000);
afterAll(async () => {
  testClock.reset();
  f?.stockroom.faults.reset();
  await f?.stop();
});
afterEach(() => {
  testClock.reset();
  f.stockroom.faults.reset();
});

const payload = (customerId: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  customerId,
  currency: 'EUR',
  items: [
    { productId: 'p1', quantity: 1, unitPrice: 500 },
    { productId: 'p2', quantity: 3, unitPrice: 20 },
  ],
  ...over,
});
const ordersOf = async (customerId: string) => (await f.tableState()).orders.filter((o) => o['customerId'] === customerId);
const outcome = (r: GraphQLResponse<{ createOrder: Order }>) => r.data?.createOrder.id ?? r.errors?.[0]?.errorType;

async function stock(productId: string, warehouseId: string, onHand: number): Promise<void> {
  const r = await f.gql(f.admin, SET_STOCK, { input: { productId, warehouseId, onHand } });
  expect(r.errors).toBeUndefined();
}
async function level(productId: string, warehouseId: string) {
  return (
    await f.gql<{ stockLevel: { onHand: number; reserved: number; available: number } }>(f.admin, STOCK_LEVEL, {
      p: productId,
      w: warehouseId,
    })
  ).data!.stockLevel;
}
async function reserve(caller: Caller, productId: string, quantity: number): Promise<string> {
  const r = await f.gql<{ reserveStock: { id: string } }>(caller, RESERVE, {
    input: { requestId: uid('req'), lines: [{ productId, warehouseId: 'east', quantity }] },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.reserveStock.id;
}
async function expectConsistent(productId: string): Promise<void> {
  await f.stockroom.drainStreams();
  const r = await f.gql<{ checkInventoryConsistency: { items: { mismatches: string[] }[] } }>(f.admin, CHECK, { p: productId });
  expect(r.data!.checkInventoryConsistency.items.flatMap((i) => i.mismatches)).toEqual([]);
}
/** A client that retries a retryable Conflict with the same request, as the API asks. */
async function createWithRetries(
  caller: Caller,
  input: Record<string, unknown>,
  attempts = 40,
): Promise<{ order?: Order; conflicts: number; error?: string }> {
  let conflicts = 0;
  for (let i = 0; i < attempts; i++) {
    const r = await f.createOrder(caller, input);
    if (r.data?.createOrder) return { order: r.data.createOrder, conflicts };
    const error = r.errors?.[0];
    if (error?.errorType !== 'Conflict') return { conflicts, error: error?.errorType ?? 'none' };
    expect(error.errorInfo).toEqual({ retryable: true });
    conflicts += 1;
  }
  return { conflicts, error: 'gave up' };
}

describe('duplicates arriving at once', () => {
  it('100 concurrent createOrder with one idempotency key make exactly one order', async () => {
    const customer = uid('c');
    const input = payload(customer, { idempotencyKey: uid('key') });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? f.createOrder(f.partnerA, input)
          : f.createOrder(f.partnerA, { ...input, idempotencyKey: undefined }, { 'idempotency-key': input.idempotencyKey as string }),
      ),
    );
    const outcomes = new Set(results.map(outcome));
    // On AWS a loser may get a retryable Conflict instead; never a second order.
    const ids = [...outcomes].filter((o) => String(o).startsWith('ord_'));
    expect(ids).toHaveLength(1);
    expect([...outcomes].filter((o) => !String(o).startsWith('ord_') && o !== 'Conflict')).toEqual([]);
    const bodies = new Set(results.filter((r) => r.data).map((r) => JSON.stringify(r.data!.createOrder)));
    expect(bodies.size).toBe(1);
    expect(await ordersOf(customer)).toHaveLength(1);
    expect((await f.tableState()).keys.filter((k) => String(k['pk']).endsWith(input.idempotencyKey as string))).toHaveLength(1);
  });

  it('100 concurrent identical payloads without a key make one order; the same payload 15 s later makes a second', async () => {
    const customer = uid('c');
    const burst = () => Promise.all(Array.from({ length: 100 }, () => f.createOrder(f.partnerA, payload(customer))));
    const first = new Set((await burst()).map(outcome));
    expect(first.size).toBe(1);
    expect([...first][0]).toMatch(/^ord_/);
    expect(await ordersOf(customer)).toHaveLength(1);

    testClock.shift(15_000);
    const second = new Set((await burst()).map(outcome));
    expect(second.size).toBe(1);
    expect([...second][0]).toMatch(/^ord_/);
    expect([...second][0]).not.toBe([...first][0]);
    expect(await ordersOf(customer)).toHaveLength(2);
  });
});

describe('racing transitions', () => {
  it('updateOrderStatus(SHIPPED) and cancelOrder at once on 10 PAID orders: exactly one wins each time', async () => {
    const orders: Order[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await f.createOrder(f.partnerA, payload(uid('c')));
      orders.push(r.data!.createOrder);
      await f.gql(f.admin, UPDATE_STATUS, { id: r.data!.createOrder.id, s: 'PAID' });
    }
    await Promise.all(
      orders.map(async (order) => {
        const [ship, cancel] = await Promise.all([
          f.gql<{ updateOrderStatus: Order }>(f.admin, UPDATE_STATUS, { id: order.id, s: 'SHIPPED' }),
          f.gql<{ cancelOrder: Order }>(f.partnerA, CANCEL, { id: order.id }),
        ]);
        const winners = [ship.data?.updateOrderStatus, cancel.data?.cancelOrder].filter(Boolean) as Order[];
        expect(winners).toHaveLength(1);
        const loser = ship.data ? cancel : ship;
        expect(loser.errors?.[0]).toMatchObject({ errorType: 'InvalidTransition', errorInfo: { status: winners[0]!.status } });
        const stored = (await ordersOf(order.customerId))[0]!;
        expect(stored['status']).toBe(winners[0]!.status);
        expect((stored['statusHistory'] as unknown[]).length).toBe(3);
      }),
    );
  });

  it('SHIPPED racing cancel on PAID checkout orders: stock comes back exactly for the orders whose cancel won', async () => {
    const p = uid('race');
    await stock(p, 'east', 20);
    const orders: Order[] = [];
    for (let i = 0; i < 6; i++) {
      const reservationId = await reserve(f.partnerA, p, 2);
      const r = await f.createOrder(f.partnerA, {
        customerId: uid('c'),
        currency: 'EUR',
        reservationId,
        items: [{ productId: p, quantity: 2, unitPrice: 1 }],
      });
      orders.push(r.data!.createOrder);
      await f.gql(f.admin, UPDATE_STATUS, { id: r.data!.createOrder.id, s: 'PAID' });
    }
    expect(await level(p, 'east')).toMatchObject({ onHand: 8 });
    const results = await Promise.all(
      orders.map((o) => Promise.all([f.gql(f.admin, UPDATE_STATUS, { id: o.id, s: 'SHIPPED' }), f.gql(f.partnerA, CANCEL, { id: o.id })])),
    );
    for (const [ship, cancel] of results) expect([ship.errors, cancel.errors].filter((e) => e === undefined)).toHaveLength(1);
    const canceled = results.filter(([, cancel]) => cancel.errors === undefined).length;
    expect(await level(p, 'east')).toMatchObject({ onHand: 8 + 2 * canceled, reserved: 0, available: 8 + 2 * canceled });
    await expectConsistent(p);
  });
});

describe('one reservation, many orders', () => {
  it('ten orders racing on one reservation: one order, the stock committed once', async () => {
    const p = uid('one');
    await stock(p, 'east', 10);
    const reservationId = await reserve(f.partnerA, p, 3);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        f.createOrder(f.partnerA, {
          customerId: `racer-${i}-${counter}`,
          currency: 'EUR',
          reservationId,
          idempotencyKey: uid('k'),
          items: [{ productId: p, quantity: 3, unitPrice: 9 }],
        }),
      ),
    );
    const ok = results.filter((r) => r.data?.createOrder);
    expect(ok).toHaveLength(1);
    expect(
      results
        .filter((r) => !r.data)
        .map((r) => r.errors?.[0]?.errorType)
        .filter((t) => t !== 'InvalidTransition' && t !== 'Conflict'),
    ).toEqual([]);
    expect((await f.tableState()).orders.filter((o) => o['reservationId'] === reservationId)).toHaveLength(1);
    expect(await level(p, 'east')).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect(
      (await f.gql<{ reservation: { status: string } }>(f.partnerA, RESERVATION, { id: reservationId })).data!.reservation.status,
    ).toBe('CONFIRMED');
    await expectConsistent(p);
  });
});

describe('with injected transaction conflicts (--faults conflict=…)', () => {
  it('20 clients retrying on Conflict, with keys: exactly one order each', async () => {
    f.stockroom.faults.set({ transactionConflictRate: 0.5, throttleRate: 0, seed: 11, operations: ['TransactWriteItems'] });
    const clients = Array.from({ length: 20 }, () => payload(uid('c'), { idempotencyKey: uid('key') }));
    // Each client sends its order twice at once, then retries each until it is answered.
    const runs = await Promise.all(
      clients.flatMap((input) => [createWithRetries(f.partnerA, input), createWithRetries(f.partnerA, input)]),
    );
    f.stockroom.faults.reset();
    expect(runs.filter((r) => !r.order)).toEqual([]);
    expect(runs.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    for (let i = 0; i < clients.length; i++) {
      expect(runs[2 * i]!.order!.id).toBe(runs[2 * i + 1]!.order!.id);
      expect(await ordersOf(clients[i]!.customerId as string)).toHaveLength(1);
    }
  });

  it("checkouts retried through conflicts commit each reservation's stock exactly once", async () => {
    const p = uid('fault');
    await stock(p, 'east', 50);
    const reservations = await Promise.all(Array.from({ length: 8 }, () => reserve(f.partnerA, p, 2)));
    f.stockroom.faults.set({ transactionConflictRate: 0.5, throttleRate: 0, seed: 5, operations: ['TransactWriteItems'] });
    const runs = await Promise.all(
      reservations.map((reservationId) =>
        createWithRetries(f.partnerA, {
          customerId: uid('c'),
          currency: 'EUR',
          reservationId,
          idempotencyKey: uid('k'),
          items: [{ productId: p, quantity: 2, unitPrice: 3 }],
        }),
      ),
    );
    f.stockroom.faults.reset();
    expect(runs.filter((r) => !r.order)).toEqual([]);
    const state = await f.tableState();
    for (const reservationId of reservations) expect(state.orders.filter((o) => o['reservationId'] === reservationId)).toHaveLength(1);
    expect(await level(p, 'east')).toMatchObject({ onHand: 34, reserved: 0, available: 34 });
    await expectConsistent(p);
  });

  it('keyless retries within the 15 s window also make one order each', async () => {
    f.stockroom.faults.set({ transactionConflictRate: 0.5, throttleRate: 0, seed: 3, operations: ['TransactWriteItems'] });
    const clients = Array.from({ length: 10 }, () => payload(uid('c')));
    const runs = await Promise.all(clients.map((input) => createWithRetries(f.partnerB, input)));
    f.stockroom.faults.reset();
    expect(runs.filter((r) => !r.order)).toEqual([]);
    for (const input of clients) expect(await ordersOf(input.customerId as string)).toHaveLength(1);
  });
});
