/**
 * Stock items end to end over HTTP: compare-and-set, receiving, the ledger and its sequence,
 * consistency check and repair, and bad input that must change nothing (fuzzed too).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHECK,
  COMMIT,
  CONFIRM,
  EXTEND,
  LEDGER,
  PRODUCT_STOCK,
  RELEASE,
  REPAIR,
  RESERVATION,
  RESERVE,
  SET_STOCK,
  STOCK_LEVEL,
  startInventoryFixture,
  type InventoryFixture,
} from './support/inventory-fixture.js';

let f: InventoryFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

interface Item {
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
  status: string;
  version: number;
  sequence: number;
}
interface LedgerEntry {
  sequence: number;
  reason: string;
  actor: string;
  reference: string | null;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
}

const RECEIVE = `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { onHand reserved available version sequence status } }`;

async function level(productId: string, warehouseId: string): Promise<Item | null> {
  return (await f.gql<{ stockLevel: Item | null }>(f.admin, STOCK_LEVEL, { p: productId, w: warehouseId })).data!.stockLevel;
}

async function ledger(productId: string, warehouseId: string, since = 0): Promise<LedgerEntry[]> {
  await f.stockroom.drainStreams();
  const r = await f.gql<{ stockLedger: { items: LedgerEntry[] } }>(f.admin, LEDGER, { p: productId, w: warehouseId, since, limit: 100 });
  expect(r.errors).toBeUndefined();
  return r.data!.stockLedger.items;
}

beforeAll(async () => {
  f = await startInventoryFixture('inv');
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('setStock and receiveStock', () => {
  it('sets, derives status from available and threshold, and compares versions', async () => {
    const p = uid('sku');
    const created = await f.gql<{ setStock: Item }>(f.admin, SET_STOCK, {
      input: { productId: p, warehouseId: 'east', onHand: 12, threshold: 5, expectedVersion: 0 },
    });
    expect(created.data!.setStock).toMatchObject({
      onHand: 12,
      reserved: 0,
      available: 12,
      threshold: 5,
      status: 'IN_STOCK',
      version: 1,
      sequence: 1,
    });
    const low = await f.gql<{ setStock: Item }>(f.admin, SET_STOCK, {
      input: { productId: p, warehouseId: 'east', onHand: 5, expectedVersion: 1 },
    });
    expect(low.data!.setStock).toMatchObject({ available: 5, threshold: 5, status: 'LOW_STOCK', version: 2 });
    const stale = await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 50, expectedVersion: 1 } });
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'VersionConflict', errorInfo: { expectedVersion: 1, currentVersion: 2 } });
    expect(await level(p, 'east')).toMatchObject({ onHand: 5, version: 2 });
    const received = await f.gql<{ receiveStock: Item }>(f.admin, RECEIVE, {
      input: { productId: p, warehouseId: 'east', quantity: 7, reference: 'PO-1' },
    });
    expect(received.data!.receiveStock).toMatchObject({ onHand: 12, available: 12, version: 3, sequence: 3 });
  });

  it('a delivery retried with its requestId is counted once', async () => {
    const p = uid('receipt');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 10 } });
    const input = { productId: p, warehouseId: 'east', quantity: 5, reference: 'PO-7', requestId: 'delivery-7' };
    const results = await Promise.all(Array.from({ length: 10 }, () => f.gql<{ receiveStock: Item }>(f.admin, RECEIVE, { input })));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(await level(p, 'east')).toMatchObject({ onHand: 15, available: 15, sequence: 2 });
    const other = await f.gql(f.admin, RECEIVE, { input: { ...input, quantity: 6 } });
    expect(other.errors?.[0]?.errorType).toBe('IdempotencyKeyReused');
    expect((await ledger(p, 'east')).map((e) => e.reason)).toEqual(['ADMIN_SET', 'RECEIVED']);
  });

  it('setting onHand below reserved is allowed and reported as oversold', async () => {
    const p = uid('over');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 10 } });
    await f.gql(f.partnerA, RESERVE, { input: { requestId: uid('r'), lines: [{ productId: p, warehouseId: 'east', quantity: 8 }] } });
    const recount = await f.gql<{ setStock: Item }>(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 6 } });
    expect(recount.data!.setStock).toMatchObject({ onHand: 6, reserved: 8, available: -2, status: 'OUT_OF_STOCK' });
  });

  it('the storefront key cannot write, and nothing is written', async () => {
    const p = uid('store');
    const r = await f.gql(f.storefront, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 1 } });
    expect(r.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(await level(p, 'east')).toBeNull();
    const reserve = await f.gql(f.storefront, RESERVE, {
      input: { requestId: 'x', lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] },
    });
    expect(reserve.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('productStock sums every warehouse in one read', async () => {
    const p = uid('sum');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 3, threshold: 1 } });
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'west', onHand: 4, threshold: 1 } });
    const r = await f.gql<{ productStock: { onHand: number; available: number; status: string; items: unknown[] } }>(
      f.partnerA,
      PRODUCT_STOCK,
      { p },
    );
    expect(r.data!.productStock).toMatchObject({ onHand: 7, available: 7, status: 'IN_STOCK' });
    expect(r.data!.productStock.items).toHaveLength(2);
    expect((await f.gql<{ productStock: null }>(f.storefront, PRODUCT_STOCK, { p: uid('none') })).data!.productStock).toBeNull();
  });
});

describe('stock ledger', () => {
  it('records every movement with gapless sequences, deltas and balances after', async () => {
    const p = uid('ledger');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 10 } });
    await f.gql(f.admin, RECEIVE, { input: { productId: p, warehouseId: 'east', quantity: 5, reference: 'PO-9' } });
    const held = await f.gql<{ reserveStock: { id: string } }>(f.partnerA, RESERVE, {
      input: { requestId: uid('r'), lines: [{ productId: p, warehouseId: 'east', quantity: 4 }] },
    });
    const id = held.data!.reserveStock.id;
    await f.gql(f.partnerA, CONFIRM, { id });
    await f.gql(f.partnerA, COMMIT, { input: { requestId: uid('c'), lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] } });
    const entries = await ledger(p, 'east');
    expect(entries.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(entries.map((e) => [e.reason, e.onHandDelta, e.reservedDelta, e.onHandAfter, e.reservedAfter, e.availableAfter])).toEqual([
      ['ADMIN_SET', 10, 0, 10, 0, 10],
      ['RECEIVED', 5, 0, 15, 0, 15],
      ['RESERVED', 0, 4, 15, 4, 11],
      ['CONFIRMED', -4, -4, 11, 0, 11],
      ['COMMITTED', -1, 0, 10, 0, 10],
    ]);
    expect(entries[0]!.actor).toMatch(/^admin:/);
    expect(entries[1]!.reference).toBe('PO-9');
    expect(entries[2]).toMatchObject({ actor: 'partner:partner-a', reference: id });
    // A client that saw sequence 3 gets exactly what came after.
    expect((await ledger(p, 'east', 3)).map((e) => e.sequence)).toEqual([4, 5]);
    expect((await level(p, 'east'))!.sequence).toBe(5);
  });
});

describe('consistency check and repair', () => {
  const PAGED_CHECK = `query($p: ID!, $t: String) { checkInventoryConsistency(productId: $p, nextToken: $t) { consistent complete nextToken items { warehouseId reserved expectedReserved mismatches } } }`;
  const PAGED_REPAIR = `mutation($p: ID!, $w: ID!, $t: String) { repairInventory(productId: $p, warehouseId: $w, nextToken: $t) { reserved available complete nextToken } }`;
  type Paged = { complete: boolean | null; nextToken: string | null };

  it('with a small page budget, check and repair take several calls over HTTP and agree with one pass', async () => {
    const p = uid('paged');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 30 } });
    for (let n = 0; n < 5; n += 1)
      await f.gql(f.partnerA, RESERVE, { input: { requestId: uid('r'), lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] } });
    await f.stockroom.drainStreams();
    await f.corruptReserved(p, 'east', 2);
    const onePass = await f.gql<{ checkInventoryConsistency: Paged & { items: unknown[] } }>(f.admin, PAGED_CHECK, { p });
    expect(onePass.data!.checkInventoryConsistency).toMatchObject({
      complete: true,
      nextToken: null,
      consistent: false,
      items: [{ reserved: 7, expectedReserved: 5 }],
    });

    vi.stubEnv('CONSISTENCY_PAGE_LIMIT', '4');
    try {
      const calls = async <T extends Paged>(
        query: string,
        field: 'checkInventoryConsistency' | 'repairInventory',
        vars: Record<string, unknown>,
      ): Promise<T[]> => {
        const out: T[] = [];
        for (let t: string | null = null, n = 0; n < 100; n += 1) {
          const r = await f.gql<Record<string, T>>(f.admin, query, { ...vars, t });
          expect(r.errors).toBeUndefined();
          const answer = r.data![field] as T;
          out.push(answer);
          if (answer.complete) return out;
          t = answer.nextToken;
        }
        throw new Error('never complete');
      };
      const checks = await calls<Paged & { items: unknown[] }>(PAGED_CHECK, 'checkInventoryConsistency', { p });
      expect(checks.length).toBeGreaterThan(2);
      expect(checks.at(-1)).toEqual(onePass.data!.checkInventoryConsistency);
      const forged = await f.gql(f.admin, PAGED_CHECK, { p, t: 'A'.repeat(32) });
      expect(forged.errors?.[0]?.errorType).toBe('ValidationError');
      const repairs = await calls<Paged & { reserved: number }>(PAGED_REPAIR, 'repairInventory', { p, w: 'east' });
      expect(repairs.length).toBeGreaterThan(2);
      expect(repairs.at(-1)).toMatchObject({ complete: true, nextToken: null, reserved: 5, available: 25 });
    } finally {
      vi.unstubAllEnvs();
    }
  }, 120_000);

  it('finds a drifted reserved counter and repairs it with a RECONCILED movement', async () => {
    const p = uid('drift');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 20 } });
    await f.gql(f.partnerA, RESERVE, { input: { requestId: uid('r'), lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] } });
    await f.stockroom.drainStreams();
    await f.corruptReserved(p, 'east', 3);
    const report = await f.gql<{
      checkInventoryConsistency: { consistent: boolean; items: { expectedReserved: number; reserved: number; mismatches: string[] }[] };
    }>(f.admin, CHECK, { p });
    expect(report.data!.checkInventoryConsistency.consistent).toBe(false);
    expect(report.data!.checkInventoryConsistency.items[0]).toMatchObject({ reserved: 5, expectedReserved: 2 });
    const repaired = await f.gql<{ repairInventory: Item }>(f.admin, REPAIR, { p, w: 'east' });
    expect(repaired.errors).toBeUndefined();
    expect(repaired.data!.repairInventory).toMatchObject({ reserved: 2, available: 18 });
    const entries = await ledger(p, 'east');
    expect(entries.at(-1)).toMatchObject({ reason: 'RECONCILED', reservedAfter: 2 });
    const after = await f.gql<{ checkInventoryConsistency: { consistent: boolean } }>(f.admin, CHECK, { p });
    expect(after.data!.checkInventoryConsistency.consistent).toBe(true);
  });

  it('is admin only', async () => {
    expect((await f.gql(f.partnerA, CHECK, { p: 'x' })).errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await f.gql(f.storefront, REPAIR, { p: 'x', w: 'y' })).errors?.[0]?.errorType).toBe('Unauthorized');
  });
});

describe('bad input is a typed error naming the field, and writes nothing', () => {
  const p = `bad-${Date.now().toString(36)}`;
  beforeAll(async () => {
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 10 } });
  });

  const line = (over: Record<string, unknown>) => ({ productId: p, warehouseId: 'east', quantity: 1, ...over });
  it.each([
    ['quantity 0', { requestId: 'v1', lines: [line({ quantity: 0 })] }, 'ValidationError', 'input.lines[0].quantity'],
    ['negative quantity', { requestId: 'v2', lines: [line({ quantity: -3 })] }, 'ValidationError', 'input.lines[0].quantity'],
    ['quantity over 10,000', { requestId: 'v3', lines: [line({ quantity: 10001 })] }, 'ValidationError', 'input.lines[0].quantity'],
    ['no lines', { requestId: 'v4', lines: [] }, 'ValidationError', 'input.lines'],
    ['101 lines', { requestId: 'v5', lines: Array.from({ length: 101 }, () => line({})) }, 'ValidationError', 'input.lines'],
    ['ttl too short', { requestId: 'v6', ttlSeconds: 59, lines: [line({})] }, 'ValidationError', 'input.ttlSeconds'],
    ['ttl too long', { requestId: 'v7', ttlSeconds: 86401, lines: [line({})] }, 'ValidationError', 'input.ttlSeconds'],
    ['malformed product id', { requestId: 'v8', lines: [line({ productId: 'a b/c' })] }, 'ValidationError', 'input.lines[0].productId'],
    ['malformed request id', { requestId: '../etc', lines: [line({})] }, 'ValidationError', 'input.requestId'],
    ['unknown product', { requestId: 'v9', lines: [line({ productId: 'no-such-product' })] }, 'NotFound', undefined],
    ['unknown warehouse', { requestId: 'v10', lines: [line({ warehouseId: 'atlantis' })] }, 'NotFound', undefined],
  ])('reserveStock: %s', async (_name, input, errorType, field) => {
    const r = await f.gql(f.partnerA, RESERVE, { input });
    expect(r.errors?.[0]?.errorType).toBe(errorType);
    if (field) expect(r.errors?.[0]?.errorInfo).toMatchObject({ field });
    expect(await level(p, 'east')).toMatchObject({ onHand: 10, reserved: 0, available: 10, sequence: 1 });
  });

  it.each([
    ['negative onHand', { productId: p, warehouseId: 'east', onHand: -1 }, 'input.onHand'],
    ['negative threshold', { productId: p, warehouseId: 'east', onHand: 1, threshold: -1 }, 'input.threshold'],
    ['malformed warehouse', { productId: p, warehouseId: '', onHand: 1 }, 'input.warehouseId'],
  ])('setStock: %s', async (_name, input, field) => {
    const r = await f.gql(f.admin, SET_STOCK, { input });
    expect(r.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
    expect(await level(p, 'east')).toMatchObject({ onHand: 10, sequence: 1 });
  });

  it('unknown and malformed reservation ids', async () => {
    expect((await f.gql(f.partnerA, RELEASE, { id: 'res_doesnotexist' })).errors?.[0]?.errorType).toBe('NotFound');
    expect((await f.gql(f.partnerA, CONFIRM, { id: 'nope' })).errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'id' },
    });
    expect((await f.gql(f.partnerA, EXTEND, { id: 'res_doesnotexist', ttl: 10 })).errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'ttlSeconds' },
    });
    expect((await f.gql<{ reservation: null }>(f.partnerA, RESERVATION, { id: 'res_doesnotexist' })).data!.reservation).toBeNull();
  });

  it('fuzz: random arguments get a typed error or a success, and consistency holds', async () => {
    const fp = uid('fuzz');
    await f.gql(f.admin, SET_STOCK, { input: { productId: fp, warehouseId: 'east', onHand: 50 } });
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const values = [0, 1, -1, 2, 10000, 10001, 2 ** 31 - 1, 1.5, null, '', 'x', fp, 'east', 'west', '🙂', 'a'.repeat(300), true, [], {}];
    const allowed = new Set([
      'ValidationError',
      'NotFound',
      'InsufficientStock',
      'IdempotencyKeyReused',
      'InvalidTransition',
      'ReservationExpired',
      'Unauthorized',
      'Conflict',
    ]);
    const calls = Array.from({ length: 120 }, (_, i) => {
      const kind = i % 4;
      if (kind === 0)
        return f.gql(f.partnerA, RESERVE, {
          input: {
            requestId: pick([`f${i}`, 'dup', pick(values)]),
            ttlSeconds: pick([undefined, pick(values)]),
            lines: [{ productId: pick([fp, pick(values)]), warehouseId: pick([undefined, 'east', pick(values)]), quantity: pick(values) }],
          },
        });
      if (kind === 1) return f.gql(f.partnerA, pick([RELEASE, CONFIRM]), { id: pick(['res_x', pick(values)]) });
      if (kind === 2)
        return f.gql(f.admin, SET_STOCK, {
          input: {
            productId: pick([fp, pick(values)]),
            warehouseId: pick(['east', pick(values)]),
            onHand: pick(values),
            threshold: pick([undefined, pick(values)]),
            expectedVersion: pick([undefined, pick(values)]),
          },
        });
      return f.gql(f.partnerB, COMMIT, {
        input: { requestId: `c${i}`, lines: [{ productId: fp, warehouseId: 'east', quantity: pick(values) }] },
      });
    });
    const results = await Promise.all(calls);
    for (const r of results) {
      expect([200, 400]).toContain(r.status);
      for (const e of r.errors ?? []) {
        // Type errors in variables are rejected by GraphQL validation (HTTP 400) before any resolver ran.
        if (r.status === 200) expect(allowed.has(e.errorType ?? '')).toBe(true);
        expect(e.message).not.toMatch(/DynamoDB|Exception|stack|at \w+ \(/);
      }
    }
    await f.stockroom.drainStreams();
    const check = await f.gql<{ checkInventoryConsistency: { consistent: boolean } }>(f.admin, CHECK, { p: fp });
    expect(check.data!.checkInventoryConsistency.consistent).toBe(true);
  });
});
