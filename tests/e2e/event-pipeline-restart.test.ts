/**
 * `npm start` stopped and started again with changes the publisher had not published yet (a
 * persistent `--state-dir`, on the run's shared DynamoDB Local, which keeps the table and its
 * stream across the restart like the persisted database does): the stream poller resumes from
 * its checkpoint (`<state dir>/stream-checkpoints.json`), so the pending orders get their
 * OrderCreated and their receipt after the restart, orders handled before it are not published
 * again, and no order ends with two receipts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropStage, startStockroom, type Stockroom } from '../../local/server/start.js';
import { dynamoEndpoint } from '../setup/tables.js';
import { expectValidEvent } from '../events/validate.js';
import { busEvents, createOrder, expectExactlyOnceEffects, orderIdOf, outage, receiptsByOrder, settle } from './support/event-pipeline.js';

const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-restart-'));
const stage = `r${randomBytes(4).toString('hex')}`;
const running: Stockroom[] = [];

const start = async (): Promise<Stockroom> => {
  const s = await startStockroom({
    dynamoEndpoint: dynamoEndpoint(),
    stage,
    stateDir,
    port: 0,
    demoData: false,
    writeConnectionFile: false,
    schedules: false,
    log: () => undefined,
  });
  running.push(s);
  return s;
};

afterAll(async () => {
  for (const s of running) await s.stop();
  await dropStage(dynamoEndpoint(), stage);
  rmSync(stateDir, { recursive: true, force: true });
});

describe('npm start stopped and started with unpublished changes', () => {
  it('publishes them after the restart, each once in effect, and nothing published before it again', async () => {
    const first = await start();
    const handled = await Promise.all([0, 1, 2, 3, 4].map((i) => createOrder(first, `before-${i}`)));
    await settle(first);
    expect([...(await receiptsByOrder(first)).keys()].sort()).toEqual([...handled].sort());

    // The publisher cannot deliver (every PutEvents answers HTTP 500) while orders keep coming,
    // then the server stops: those orders' changes are still in the stream, unpublished.
    first.eventBridge.bus.setEntryFault(outage(() => true));
    const pending = await Promise.all([0, 1, 2, 3, 4].map((i) => createOrder(first, `pending-${i}`)));
    await first.stop();
    const checkpoints = join(stateDir, 'stream-checkpoints.json');
    expect(existsSync(checkpoints)).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(checkpoints, 'utf8')) as object).some((k) => k.startsWith('event-publisher|'))).toBe(true);
    const receiptsBefore = await receiptsByOrder(first);
    for (const id of pending) expect(receiptsBefore.has(id)).toBe(false);

    const second = await start();
    await settle(second);
    const created = busEvents(second, 'OrderCreated');
    created.forEach(expectValidEvent);
    // Resumed after the checkpoint: the pending orders are published, the handled ones are not.
    expect(new Set(created.map(orderIdOf))).toEqual(new Set(pending));
    const generated = [...busEvents(first, 'ReceiptGenerated'), ...busEvents(second, 'ReceiptGenerated')];
    const allCreated = [...busEvents(first, 'OrderCreated'), ...created];
    expectExactlyOnceEffects([...handled, ...pending], await receiptsByOrder(second), allCreated, generated);
  }, 120_000);
});
