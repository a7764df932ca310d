import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  createConsistencyHandler,
  inconsistencyMetric,
  parseRequest,
  type ConsistencyReport,
  type PagedConsistencyReport,
  type RepairedItem,
  type ScheduledSummary,
} from '../../functions/inventory-consistency/index.js';
import { scheduledEvent } from '../../local/services/scheduler.js';
import type { StreamPoller } from '../../local/services/stream-poller/index.js';
import { createHarness, getStock, ledgerRows, moveStock, putReservation, putStock, startLedger, type Harness } from './helpers.js';

let h: Harness;
let ledger: StreamPoller;
// Positions survive a poller restart, as in `npm start` (writes made while it is down are not lost).
const checkpointFile = join(mkdtempSync(join(tmpdir(), 'stockroom-cns-')), 'stream-checkpoints.json');
beforeAll(async () => {
  h = await createHarness('cns');
  ledger = await startLedger(h, { checkpointFile });
});
afterAll(async () => {
  await ledger.stop();
  await h.destroy();
});

const later = (min: number) => new Date(Date.now() + min * 60_000);
const fast = (emitted?: string[]) =>
  createConsistencyHandler(() => ({ doc: h.doc, tableName: h.table }), { confirmDelayMs: 30, emit: (l) => emitted?.push(l) });

/** A product with two holds (2 + 3 units in w1, 1 in w2) and a ledger that matches. */
async function arrangeProduct(productId: string): Promise<void> {
  await putStock(h, { productId, warehouseId: 'w1', onHand: 10 });
  await putStock(h, { productId, warehouseId: 'w2', onHand: 4 });
  await moveStock(h, productId, 'w1', { reason: 'RESERVED', reference: `res_${productId}a`, onHandDelta: 0, reservedDelta: 2 });
  await moveStock(h, productId, 'w1', { reason: 'RESERVED', reference: `res_${productId}b`, onHandDelta: 0, reservedDelta: 3 });
  await moveStock(h, productId, 'w2', { reason: 'RESERVED', reference: `res_${productId}b`, onHandDelta: 0, reservedDelta: 1 });
  await putReservation(h, {
    id: `res_${productId}a`,
    shard: '1',
    expiresAt: later(10),
    lines: [{ productId, warehouseId: 'w1', quantity: 2 }],
  });
  await putReservation(h, {
    id: `res_${productId}b`,
    shard: 'c',
    expiresAt: later(10),
    lines: [
      { productId, warehouseId: 'w1', quantity: 3 },
      { productId, warehouseId: 'w2', quantity: 1 },
    ],
  });
  // A terminal hold is not counted.
  await putReservation(h, {
    id: `res_${productId}old`,
    status: 'RELEASED',
    expiresAt: later(-10),
    lines: [{ productId, warehouseId: 'w1', quantity: 50 }],
  });
  await ledger.drain();
}

describe('functions/inventory-consistency', () => {
  it('reports a consistent product: reserved from ACTIVE holds, onHand from the ledger', async () => {
    await arrangeProduct('c1');
    const report = (await h.functions.invoke('inventory-consistency', {
      action: 'check',
      productId: 'c1',
      actor: 'admin:alice',
    })) as ConsistencyReport;
    expect(report).toEqual({
      productId: 'c1',
      consistent: true,
      complete: true,
      items: [
        {
          warehouseId: 'w1',
          onHand: 10,
          reserved: 5,
          available: 5,
          expectedReserved: 5,
          expectedOnHand: 10,
          ledgerSequence: 3,
          sequence: 3,
          ledgerBehind: false,
          mismatches: [],
        },
        {
          warehouseId: 'w2',
          onHand: 4,
          reserved: 1,
          available: 3,
          expectedReserved: 1,
          expectedOnHand: 4,
          ledgerSequence: 2,
          sequence: 2,
          ledgerBehind: false,
          mismatches: [],
        },
      ],
    });
  });

  it('detects a planted drift (reserved off by 3) and repair fixes it with a RECONCILED movement', async () => {
    await arrangeProduct('c2');
    // Plant drift: reserved +3 with no hold behind it (a lost release), available kept in step.
    await h.doc.send(
      new UpdateCommand({
        TableName: h.table,
        Key: { pk: 'PRODUCT#c2', sk: 'STOCK#w1' },
        UpdateExpression: 'SET reserved = reserved + :three, available = available - :three',
        ExpressionAttributeValues: { ':three': 3 },
      }),
    );

    const check = fast();
    const drifted = (await check({ action: 'check', productId: 'c2' })) as ConsistencyReport;
    expect(drifted.consistent).toBe(false);
    const w1 = drifted.items.find((i) => i.warehouseId === 'w1');
    expect(w1).toMatchObject({ reserved: 8, expectedReserved: 5, available: 2 });
    expect(w1?.mismatches).toEqual(['reserved is 8 but ACTIVE reservations hold 5']);
    expect(drifted.items.find((i) => i.warehouseId === 'w2')?.mismatches).toEqual([]);

    const repaired = (await h.functions.invoke('inventory-consistency', {
      action: 'repair',
      productId: 'c2',
      warehouseId: 'w1',
      actor: 'admin:alice',
    })) as RepairedItem;
    expect(repaired).toMatchObject({
      productId: 'c2',
      warehouseId: 'w1',
      onHand: 10,
      reserved: 5,
      available: 5,
      sequence: 4,
      version: 2,
      repaired: true,
      reservedBefore: 8,
    });
    expect(repaired.lastMovement).toMatchObject({
      reason: 'RECONCILED',
      actor: 'admin:alice',
      reference: 'repair',
      onHandDelta: 0,
      reservedDelta: -3,
    });

    await ledger.drain();
    const rows = await ledgerRows(h, 'c2', 'w1');
    expect(rows.at(-1)).toMatchObject({
      sequence: 4,
      reason: 'RECONCILED',
      actor: 'admin:alice',
      reservedDelta: -3,
      onHandDelta: 0,
      reservedAfter: 5,
      availableAfter: 5,
    });
    expect(((await check({ action: 'check', productId: 'c2' })) as ConsistencyReport).consistent).toBe(true);

    // Repairing a consistent item writes nothing.
    const again = (await check({ action: 'repair', productId: 'c2', warehouseId: 'w1', actor: 'admin:alice' })) as RepairedItem;
    expect(again).toMatchObject({ repaired: false, sequence: 4 });
    expect((await getStock(h, 'c2', 'w1'))['sequence']).toBe(4);
  });

  it('reports a ledger that stays behind the item, and a wrong onHand', async () => {
    await arrangeProduct('c3');
    await ledger.stop(); // the stream processor is down: the ledger stops at sequence 3
    try {
      await moveStock(h, 'c3', 'w1', { reason: 'RECEIVED', onHandDelta: 2, reservedDelta: 0 });
      // And onHand drifts from the ledger on w2 (a write that bypassed the movement path).
      await h.doc.send(
        new UpdateCommand({
          TableName: h.table,
          Key: { pk: 'PRODUCT#c3', sk: 'STOCK#w2' },
          UpdateExpression: 'SET onHand = :n, available = :a',
          ExpressionAttributeValues: { ':n': 7, ':a': 6 },
        }),
      );
      const report = (await fast()({ action: 'check', productId: 'c3' })) as ConsistencyReport;
      const [w1, w2] = report.items;
      expect(report.consistent).toBe(false);
      expect(w1).toMatchObject({ ledgerBehind: true, ledgerSequence: 3, sequence: 4 });
      expect(w1?.mismatches).toEqual(['ledger is stuck at sequence 3 while the item is at 4']);
      expect(w2?.mismatches).toEqual(['onHand is 7 but the ledger sums to 4']);
    } finally {
      ledger = await startLedger(h, { checkpointFile });
    }
  });

  it('the scheduled run checks every product and prints the InconsistencyCount EMF metric', async () => {
    await ledger.drain(); // the restarted poller catches up from its checkpoint: w1's ledger is whole again
    const emitted: string[] = [];
    vi.stubEnv('STAGE', h.tables.stage);
    const summary = await (async () => {
      try {
        return (await fast(emitted)(scheduledEvent(h.tables.stage, 'inventory-consistency'))) as ScheduledSummary;
      } finally {
        vi.unstubAllEnvs();
      }
    })();
    // c1, c2 are clean; of c3 only w2's onHand drift is left.
    expect(summary.products).toBe(3);
    expect(summary.reports.map((r) => r.productId)).toEqual(['c3']);
    expect(summary.inconsistentItems).toBe(1);
    expect(emitted).toHaveLength(1);
    const emf = JSON.parse(emitted[0] as string);
    expect(emf).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Namespace: 'Stockroom', Dimensions: [['service', 'stage']], Metrics: [{ Name: 'InconsistencyCount', Unit: 'Count' }] },
        ],
      },
      service: 'stockroom',
      stage: h.tables.stage,
      InconsistencyCount: 1,
    });
    expect(typeof emf._aws.Timestamp).toBe('number');
  });

  it('writes the EMF line raw to stdout by default: console.log would be wrapped by the JSON log format and never become a metric', async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, 'log');
    try {
      await createConsistencyHandler(() => ({ doc: h.doc, tableName: h.table }), { confirmDelayMs: 30 })(
        scheduledEvent(h.tables.stage, 'inventory-consistency'),
      );
    } finally {
      write.mockRestore();
      log.mockRestore();
    }
    const emfLines = written.filter((w) => w.includes('"InconsistencyCount"'));
    expect(emfLines).toHaveLength(1);
    expect(emfLines[0]).toMatch(/^\{"_aws":.*\}\n$/);
    expect(JSON.parse(emfLines[0] as string)).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: 'InconsistencyCount', Unit: 'Count' }] }] },
    });
    expect(log.mock.calls.flat().join('\n')).not.toContain('InconsistencyCount');
  });

  it('runs with the environment infra gives it, pointed at DynamoDB Local', () => {
    expect(h.functions.environment('inventory-consistency')).toMatchObject({
      STAGE: h.tables.stage,
      TABLE_NAME: h.table,
      TABLE_NAME_MAIN: h.table,
      POWERTOOLS_SERVICE_NAME: 'stockroom',
      POWERTOOLS_METRICS_NAMESPACE: 'Stockroom',
      AWS_ENDPOINT_URL_DYNAMODB: h.tables.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: `stockroom-${h.tables.stage}-inventory-consistency`,
    });
  });

  it('rejects malformed requests with typed errors', async () => {
    expect(() => parseRequest({ action: 'check' })).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    expect(() => parseRequest({ action: 'repair', productId: 'p', warehouseId: 'w' })).toThrow(/actor/);
    expect(() => parseRequest({ action: 'drop', productId: 'p' })).toThrow(/Unknown action/);
    expect(() => parseRequest('x')).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    // Through the handler, caller mistakes come back as data for the resolver's util.error.
    await expect(
      h.functions.invoke('inventory-consistency', { action: 'repair', productId: 'nope', warehouseId: 'w1', actor: 'admin:a' }),
    ).resolves.toEqual({
      error: { errorType: 'NotFound', message: 'No stock item for product nope in warehouse w1.' },
    });
    await expect(h.functions.invoke('inventory-consistency', { action: 'check', productId: '' })).resolves.toMatchObject({
      error: { errorType: 'ValidationError' },
    });
    expect(JSON.parse(inconsistencyMetric(0, 'stockroom', 'dev'))).toMatchObject({
      InconsistencyCount: 0,
      service: 'stockroom',
      stage: 'dev',
    });
  });

  describe('bounded per call (AppSync stops a request after 30 s)', () => {
    type Answer = PagedConsistencyReport | RepairedItem | { error: { errorType: string; message: string } };
    const invoke = (payload: Record<string, unknown>) => fast()(payload) as Promise<Answer>;

    /** A product with 12 single-unit holds spread over the shards; counters and ledger match. */
    async function arrangeManyHolds(productId: string): Promise<void> {
      await putStock(h, { productId, warehouseId: 'w1', onHand: 50 });
      for (let n = 0; n < 12; n += 1) {
        const id = `res_${productId}_${n.toString(16)}`;
        await moveStock(h, productId, 'w1', { reason: 'RESERVED', reference: id, onHandDelta: 0, reservedDelta: 1 });
        await putReservation(h, {
          id,
          shard: n.toString(16),
          expiresAt: later(10),
          lines: [{ productId, warehouseId: 'w1', quantity: 1 }],
        });
      }
      await ledger.drain();
    }

    /** Calls until `complete`, passing nextToken back; returns every answer. */
    async function untilComplete(payload: Record<string, unknown>): Promise<Answer[]> {
      const answers: Answer[] = [];
      for (let token = payload['nextToken'] as string | undefined, call = 0; call < 100; call += 1) {
        const answer = await invoke({ ...payload, nextToken: token });
        answers.push(answer);
        if ('error' in answer || answer.complete) return answers;
        token = answer.nextToken;
      }
      throw new Error('the count never completed');
    }

    afterEach(() => vi.unstubAllEnvs());

    it('a check over many holds takes several calls and gives the answer of one unbounded pass', async () => {
      await arrangeManyHolds('pg1');
      await h.doc.send(
        new UpdateCommand({
          TableName: h.table,
          Key: { pk: 'PRODUCT#pg1', sk: 'STOCK#w1' },
          UpdateExpression: 'SET reserved = reserved + :two, available = available - :two',
          ExpressionAttributeValues: { ':two': 2 },
        }),
      );
      const unbounded = await invoke({ action: 'check', productId: 'pg1' });
      expect(unbounded).toMatchObject({ complete: true, consistent: false, items: [{ reserved: 14, expectedReserved: 12 }] });
      vi.stubEnv('CONSISTENCY_PAGE_LIMIT', '3');
      const answers = await untilComplete({ action: 'check', productId: 'pg1' });
      expect(answers.length).toBeGreaterThan(2);
      for (const partial of answers.slice(0, -1))
        expect(partial).toMatchObject({
          complete: false,
          consistent: false,
          items: [],
          nextToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        });
      expect(answers.at(-1)).toEqual(unbounded);
    });

    it.each([
      ['a forged token', 'A'.repeat(32)],
      ['a malformed token', 'not a token'],
    ])('answers ValidationError for %s and changes nothing', async (_case, nextToken) => {
      await expect(invoke({ action: 'check', productId: 'pg1', nextToken })).resolves.toEqual({
        error: { errorType: 'ValidationError', message: expect.stringContaining('nextToken') },
      });
      await expect(invoke({ action: 'repair', productId: 'pg1', warehouseId: 'w1', actor: 'admin:a', nextToken })).resolves.toMatchObject({
        error: { errorType: 'ValidationError' },
      });
    });

    it('a token is single use and only continues the call that issued it', async () => {
      vi.stubEnv('CONSISTENCY_PAGE_LIMIT', '3');
      const first = (await invoke({ action: 'check', productId: 'pg1' })) as PagedConsistencyReport;
      expect(first.complete).toBe(false);
      await expect(invoke({ action: 'check', productId: 'c1', nextToken: first.nextToken })).resolves.toMatchObject({
        error: { errorType: 'ValidationError' },
      });
      await expect(
        invoke({ action: 'repair', productId: 'pg1', warehouseId: 'w1', actor: 'admin:a', nextToken: first.nextToken }),
      ).resolves.toMatchObject({ error: { errorType: 'ValidationError' } });
      const second = (await invoke({ action: 'check', productId: 'pg1', nextToken: first.nextToken })) as PagedConsistencyReport;
      expect(second.complete).toBe(false);
      await expect(invoke({ action: 'check', productId: 'pg1', nextToken: first.nextToken })).resolves.toMatchObject({
        error: { errorType: 'ValidationError' },
      });
    });

    it('a movement between pages makes repair answer Conflict and write nothing; a quiet repair then fixes the drift', async () => {
      vi.stubEnv('CONSISTENCY_PAGE_LIMIT', '3');
      const started = (await invoke({ action: 'repair', productId: 'pg1', warehouseId: 'w1', actor: 'admin:a' })) as RepairedItem;
      expect(started).toMatchObject({ complete: false, repaired: false, reserved: 14 });
      // A new hold lands while the repair is still counting.
      await moveStock(h, 'pg1', 'w1', { reason: 'RESERVED', reference: 'res_pg1_late', onHandDelta: 0, reservedDelta: 1 });
      await putReservation(h, {
        id: 'res_pg1_late',
        shard: '0',
        expiresAt: later(10),
        lines: [{ productId: 'pg1', warehouseId: 'w1', quantity: 1 }],
      });
      const before = await getStock(h, 'pg1', 'w1');
      const answers = await untilComplete({
        action: 'repair',
        productId: 'pg1',
        warehouseId: 'w1',
        actor: 'admin:a',
        nextToken: started.nextToken,
      });
      expect(answers.at(-1)).toMatchObject({ error: { errorType: 'Conflict' } });
      expect(await getStock(h, 'pg1', 'w1')).toEqual(before);

      const fixed = await untilComplete({ action: 'repair', productId: 'pg1', warehouseId: 'w1', actor: 'admin:a' });
      expect(fixed.length).toBeGreaterThan(2);
      expect(fixed.at(-1)).toMatchObject({ complete: true, repaired: true, reservedBefore: 15, reserved: 13, available: 37 });
      vi.unstubAllEnvs();
      await expect(invoke({ action: 'check', productId: 'pg1' })).resolves.toMatchObject({ complete: true, consistent: true });
    });

    it('the scheduled run scans a bounded slice per run and covers every product over several runs', async () => {
      vi.stubEnv('CONSISTENCY_SCAN_LIMIT', '40');
      const seen = new Set<string>();
      for (let run = 0; run < 200 && !['c1', 'c2', 'c3', 'pg1'].every((p) => seen.has(p)); run += 1) {
        const summary = (await fast()(scheduledEvent(h.tables.stage, 'inventory-consistency'))) as ScheduledSummary;
        expect(summary.products).toBeLessThanOrEqual(40);
        for (const id of summary.checked) seen.add(id);
      }
      expect([...seen]).toEqual(expect.arrayContaining(['c1', 'c2', 'c3', 'pg1']));
    }, 120_000);

    it('past its hold budget the scheduled run still compares onHand with the ledger, and marks reserved as not compared', async () => {
      // hb1 w1 counts 2 reserved units that no ACTIVE hold backs: drift only a hold count can see.
      await putStock(h, { productId: 'hb1', warehouseId: 'w1', onHand: 10 });
      await moveStock(h, 'hb1', 'w1', { reason: 'RESERVED', reference: 'res_hb1', onHandDelta: 0, reservedDelta: 2 });
      await ledger.drain();
      const wholeTable = async (holdBudget: number): Promise<ScheduledSummary> => {
        const run = createConsistencyHandler(() => ({ doc: h.doc, tableName: h.table }), {
          confirmDelayMs: 30,
          holdBudget,
          emit: () => {},
        });
        // The first run finishes the slice an earlier test left open; the second covers the table.
        await run(scheduledEvent(h.tables.stage, 'inventory-consistency'));
        return (await run(scheduledEvent(h.tables.stage, 'inventory-consistency'))) as ScheduledSummary;
      };
      const counted = await wholeTable(100_000);
      expect(counted.holdsCounted).toBe(true);
      expect(counted.reports.find((r) => r.productId === 'hb1')?.items[0]?.mismatches).toEqual([
        'reserved is 2 but ACTIVE reservations hold 0',
      ]);

      const over = await wholeTable(1);
      expect(over.holdsCounted).toBe(false);
      expect(over.checked).toEqual(expect.arrayContaining(['hb1', 'c3']));
      expect(over.reports.map((r) => r.productId)).not.toContain('hb1');
      // onHand drift needs no hold count: c3 w2 is still reported.
      const c3 = over.reports.find((r) => r.productId === 'c3');
      expect(c3?.items.find((i) => i.warehouseId === 'w2')).toMatchObject({ reservedNotCompared: true });
      expect(c3?.items.find((i) => i.warehouseId === 'w2')?.mismatches.some((m) => m.startsWith('onHand is'))).toBe(true);
    }, 120_000);
  });
});
