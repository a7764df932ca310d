/** `startStockroom({ faults })` (the `--faults` flag) injects from the first request on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStockroom, type Stockroom } from '../../local/server/start.js';
import { gqlRequest } from './support/inventory-fixture.js';

let s: Stockroom;
beforeAll(async () => {
  s = await startStockroom({
    port: 0,
    inMemory: true,
    stage: `faults${Date.now().toString(36)}`,
    demoData: false,
    writeConnectionFile: false,
    schedules: false,
    dynamoEndpoint: process.env.STOCKROOM_DYNAMO_ENDPOINT,
    faults: { transactionConflictRate: 1, throttleRate: 0, operations: ['TransactWriteItems'] },
    log: () => undefined,
  });
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('startStockroom faults option', () => {
  it('cancels every reservation transaction with a retryable Conflict while other writes go through', async () => {
    const admin = { authorization: s.adminToken };
    const set = await gqlRequest<{ setStock: { onHand: number } }>(
      s.graphqlUrl,
      admin,
      'mutation { setStock(input: {productId: "f1", warehouseId: "w", onHand: 5}) { onHand } }',
    );
    expect(set.data?.setStock.onHand).toBe(5);
    const r = await gqlRequest(
      s.graphqlUrl,
      admin,
      'mutation { reserveStock(input: {requestId: "r1", lines: [{productId: "f1", warehouseId: "w", quantity: 1}]}) { id } }',
    );
    expect(r.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    expect(s.faults.get().transactionConflictRate).toBe(1);
  });
});
