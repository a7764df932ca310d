/**
 * Allocation under contention over HTTP: a line without warehouseId never gets InsufficientStock
 * while some warehouse can serve it. When the chosen warehouse runs out between the allocation
 * read and the write, the answer is a retryable Conflict, and a retry re-allocates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHECK,
  PRODUCT_STOCK,
  RESERVE,
  SET_STOCK,
  startInventoryFixture,
  type Caller,
  type GraphQLResponse,
  type InventoryFixture,
} from './support/inventory-fixture.js';

/** Bounded: a client gives up after this many Conflicts (far more than 100 racers need). */
const MAX_ATTEMPTS = 200;

let f: InventoryFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

interface Reservation {
  id: string;
  lines: { productId: string; warehouseId: string; quantity: number }[];
}

/** A client that retries a retryable Conflict with the same requestId, as docs/api.md advises. */
async function reserveRetryingConflicts(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<{ result: GraphQLResponse<{ reserveStock: Reservation }>; conflicts: number }> {
  let conflicts = 0;
  for (let attempt = 1; ; attempt += 1) {
    const result = await f.gql<{ reserveStock: Reservation }>(caller, RESERVE, { input });
    const error = result.errors?.[0];
    if (error?.errorType !== 'Conflict' || attempt >= MAX_ATTEMPTS) return { result, conflicts };
    expect(error.errorInfo).toMatchObject({ retryable: true });
    conflicts += 1;
  }
}

beforeAll(async () => {
  f = await startInventoryFixture('alloc');
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

// 100 concurrent transactions with conflict retries: seconds alone, but a loaded 2-core CI machine
// running other test files beside it has needed more than the default 30 s.
describe('lines without warehouseId under contention', { timeout: 90_000 }, () => {
  it('20 units in each of two warehouses, 100 concurrent single-unit holds: exactly 40 succeed, 60 get InsufficientStock', async () => {
    const p = uid('split');
    for (const w of ['east', 'west']) {
      const r = await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: w, onHand: 20 } });
      expect(r.errors).toBeUndefined();
    }
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        reserveRetryingConflicts(i % 2 === 0 ? f.partnerA : f.partnerB, { requestId: `${p}-${i}`, lines: [{ productId: p, quantity: 1 }] }),
      ),
    );
    const ok = outcomes.filter((o) => o.result.data?.reserveStock);
    const short = outcomes.filter((o) => o.result.errors?.[0]?.errorType === 'InsufficientStock');
    expect(ok).toHaveLength(40);
    expect(short).toHaveLength(60);
    const placed = ok.map((o) => o.result.data!.reserveStock.lines[0]!.warehouseId);
    expect(placed.filter((w) => w === 'east')).toHaveLength(20);
    expect(placed.filter((w) => w === 'west')).toHaveLength(20);
    // Refused only once nothing was left anywhere.
    for (const o of short)
      expect((o.result.errors![0]!.errorInfo as { lines: { available: number }[] }).lines.every((l) => l.available <= 0)).toBe(true);
    const total = await f.gql<{ productStock: { reserved: number; available: number } }>(f.admin, PRODUCT_STOCK, { p });
    expect(total.data!.productStock).toMatchObject({ reserved: 40, available: 0 });
    await f.stockroom.drainStreams();
    const check = await f.gql<{ checkInventoryConsistency: { consistent: boolean } }>(f.admin, CHECK, { p });
    expect(check.data!.checkInventoryConsistency.consistent).toBe(true);
  });

  it('a line naming its warehouse still gets InsufficientStock there, never a Conflict', async () => {
    const p = uid('named');
    await f.gql(f.admin, SET_STOCK, { input: { productId: p, warehouseId: 'east', onHand: 5 } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.gql(f.partnerA, RESERVE, { input: { requestId: `${p}-${i}`, lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    expect(results.filter((r) => r.errors?.[0]?.errorType === 'InsufficientStock')).toHaveLength(15);
  });
});
