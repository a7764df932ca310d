/**
 * Limits over HTTP: no write can take a stored or derived figure past what the schema returns.
 * onHand is capped at 1,000,000,000 per item on every write; totals over warehouses are Float.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_STOCK, SET_STOCK, STOCK_LEVEL, startInventoryFixture, type InventoryFixture } from './support/inventory-fixture.js';

const CAP = 1_000_000_000;
const RECEIVE = `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { onHand available version sequence } }`;

let f: InventoryFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

interface Item {
  onHand: number;
  available: number;
  version: number;
  sequence: number;
}

async function level(productId: string, warehouseId: string): Promise<Item | null> {
  const r = await f.gql<{ stockLevel: Item | null }>(f.admin, STOCK_LEVEL, { p: productId, w: warehouseId });
  expect(r.errors).toBeUndefined();
  return r.data!.stockLevel;
}

beforeAll(async () => {
  f = await startInventoryFixture('limits');
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('receiveStock keeps onHand within the cap', () => {
  it.each([
    { name: 'without a requestId', requestId: undefined },
    { name: 'with a requestId (transaction)', requestId: 'delivery' },
  ])('receipts up to exactly the cap succeed, one more unit is refused and changes nothing ($name)', async ({ requestId }) => {
    const p = uid('cap');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: CAP - 1_000_001 } });
    const id = (n: number) => (requestId ? `${requestId}-${n}` : undefined);
    const first = await f.gql<{ receiveStock: Item }>(f.admin, RECEIVE, {
      input: { productId: p, warehouseId: 'east', quantity: 1_000_000, requestId: id(1) },
    });
    expect(first.errors).toBeUndefined();
    const last = await f.gql<{ receiveStock: Item }>(f.admin, RECEIVE, {
      input: { productId: p, warehouseId: 'east', quantity: 1, requestId: id(2) },
    });
    expect(last.errors).toBeUndefined();
    expect(last.data!.receiveStock).toMatchObject({ onHand: CAP, available: CAP });
    const before = await level(p, 'east');

    const over = await f.gql(f.admin, RECEIVE, { input: { productId: p, warehouseId: 'east', quantity: 1, requestId: id(3) } });
    expect(over.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'input.quantity', maxOnHand: CAP, onHand: CAP },
    });
    expect(await level(p, 'east')).toEqual(before);
    if (requestId) {
      // The refused receipt left no idempotency record: the same key is free once there is room.
      await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 0 } });
      const retried = await f.gql<{ receiveStock: Item }>(f.admin, RECEIVE, {
        input: { productId: p, warehouseId: 'east', quantity: 1, requestId: id(3) },
      });
      expect(retried.data!.receiveStock).toMatchObject({ onHand: 1 });
    }
  });

  it('setStock refuses one unit over the cap', async () => {
    const p = uid('set');
    const r = await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: CAP + 1 } });
    expect(r.errors?.[0]?.errorType).toBe('ValidationError');
    expect(await level(p, 'east')).toBeNull();
  });
});

describe('productStock totals', () => {
  it('three warehouses of 1,000,000,000 each read fine', async () => {
    const p = uid('total');
    for (const w of ['east', 'west', 'north']) {
      const r = await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: w, onHand: CAP } });
      expect(r.errors).toBeUndefined();
    }
    const r = await f.gql<{ productStock: { onHand: number; reserved: number; available: number; items: unknown[] } }>(
      f.admin,
      PRODUCT_STOCK,
      { p },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.productStock).toMatchObject({ onHand: 3 * CAP, reserved: 0, available: 3 * CAP });
    expect(r.data!.productStock.items).toHaveLength(3);
  });
});

describe('the per-line limit holds after summing lines of one product and warehouse', () => {
  const RESERVE_IDS = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id lines { productId warehouseId quantity } } }`;
  const COMMIT_IDS = `mutation($input: CommitStockInput!) { commitStock(input: $input) { id lines { productId warehouseId quantity } } }`;

  it.each([
    { mutation: 'reserveStock', query: RESERVE_IDS },
    { mutation: 'commitStock', query: COMMIT_IDS },
  ])('$mutation: two lines of 6,000 are refused naming both, 10,000 in all pass', async ({ query }) => {
    const p = uid('summed');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 50_000 } });
    const split = [
      { productId: p, warehouseId: 'east', quantity: 6000 },
      { productId: 'other', warehouseId: 'east', quantity: 1 },
      { productId: p, warehouseId: 'east', quantity: 6000 },
    ];
    const r = await f.gql(f.partnerA, query, { input: { requestId: uid('req'), lines: split } });
    expect(r.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'input.lines', lines: ['input.lines[0]', 'input.lines[2]'], total: 12000, max: 10000 },
    });
    expect(await level(p, 'east')).toMatchObject({ onHand: 50_000, available: 50_000 });
    const ok = await f.gql(f.partnerA, query, {
      input: {
        requestId: uid('req'),
        lines: [
          { productId: p, warehouseId: 'east', quantity: 4000 },
          { productId: p, warehouseId: 'east', quantity: 6000 },
        ],
      },
    });
    expect(ok.errors).toBeUndefined();
    expect(await level(p, 'east')).toMatchObject({ available: 40_000 });
  });

  it('lines without a warehouse that allocation puts together are held to the same limit', async () => {
    const p = uid('alloc-sum');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 50_000 } });
    const r = await f.gql(f.partnerA, RESERVE_IDS, {
      input: {
        requestId: uid('req'),
        lines: [
          { productId: p, warehouseId: 'east', quantity: 6000 },
          { productId: p, quantity: 6000 },
        ],
      },
    });
    expect(r.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'input.lines', productId: p, warehouseId: 'east', total: 12000 },
    });
    expect(await level(p, 'east')).toMatchObject({ available: 50_000 });
  });
});
