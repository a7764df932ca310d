/**
 * Orders through the whole event pipeline over HTTP on DynamoDB Local, as `npm start` wires it:
 * createOrder → change stream → event publisher → OrderCreated on the local bus → receipts worker
 * (its rule) → one receipt per order → its INSERT on the stream → ReceiptGenerated. Faults are
 * injected at the bus: the publisher dying (its PutEvents calls answer HTTP 500, so the invocation
 * throws, possibly after it sent part of its batch) and a poison event for the worker.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntryFault } from '../../local/services/eventbridge/bus.js';
import { expectValidEvent } from '../events/validate.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';
import { busEvents, createOrder, expectExactlyOnceEffects, orderIdOf, outage, receiptsByOrder, settle } from './support/event-pipeline.js';

let api: TestApi;
let n = 0;
const customer = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});
afterEach(() => {
  api.s.eventBridge.bus.setEntryFault(undefined);
});

describe('orders → OrderCreated → receipts → ReceiptGenerated', () => {
  it('gives an order one receipt and publishes both events, schema-valid', async () => {
    const id = await createOrder(api.s, customer('one'));
    await settle(api.s);
    const created = busEvents(api.s, 'OrderCreated').filter((e) => orderIdOf(e) === id);
    const generated = busEvents(api.s, 'ReceiptGenerated').filter((e) => orderIdOf(e) === id);
    [...created, ...generated].forEach(expectValidEvent);
    expect(created).toHaveLength(1);
    expect(generated).toHaveLength(1);
    expect(generated[0]!.data).toMatchObject({ orderId: id, total: 2598, currency: 'EUR', receiptId: `rcpt_${id.slice(4)}` });
    expectExactlyOnceEffects([id], new Map([[id, (await receiptsByOrder(api.s)).get(id) ?? []]]), created, generated);
  }, 60_000);

  it('publishes OrderStatusChanged for a transition', async () => {
    const id = await createOrder(api.s, customer('st'));
    const r = await api.gql(api.admin, 'mutation($id: ID!) { updateOrderStatus(id: $id, status: PAID) { status } }', { id });
    expect(r.body.errors).toBeUndefined();
    await settle(api.s);
    const changed = busEvents(api.s, 'OrderStatusChanged').filter((e) => orderIdOf(e) === id);
    changed.forEach(expectValidEvent);
    expect(changed.map((e) => [e.data['from'], e.data['to']])).toEqual([['PENDING', 'PAID']]);
  }, 60_000);
});

describe('faults', () => {
  it('orders created concurrently while the publisher is down, then crashing mid-batch after its restart: one receipt per order, exactly', async () => {
    const before = new Set((await receiptsByOrder(api.s)).keys());
    // Phase 1: the publisher is down (every invocation dies) while 40 orders arrive concurrently.
    let down = true;
    api.s.eventBridge.bus.setEntryFault(outage(() => down));
    const ids = await Promise.all(Array.from({ length: 40 }, () => createOrder(api.s, customer('conc'))));
    expect(new Set(ids).size).toBe(40);
    // Phase 2: it restarts, and crashes once more in the middle of a batch: after a full PutEvents
    // request (10 entries) went out, the invocation's next request fails until the SDK gives up.
    down = false;
    let crashes = 0;
    let armed = false;
    const crashAfterFullRequest: EntryFault = (_entry, index) => {
      if (index === 0 && armed && crashes < 3) {
        crashes += 1;
        throw new Error('injected: the publisher crashed mid-batch');
      }
      if (index === 9 && crashes === 0) armed = true;
      return undefined;
    };
    api.s.eventBridge.bus.setEntryFault(crashAfterFullRequest);
    await settle(api.s);
    expect(crashes).toBe(3);

    const created = busEvents(api.s, 'OrderCreated').filter((e) => ids.includes(orderIdOf(e)));
    const generated = busEvents(api.s, 'ReceiptGenerated').filter((e) => ids.includes(orderIdOf(e)));
    // Every OrderCreated the pipeline emitted is valid; the crash re-sent some (at least once).
    created.forEach(expectValidEvent);
    generated.forEach(expectValidEvent);
    expect(created.length).toBeGreaterThan(new Set(created.map((e) => e.eventId)).size);
    const receipts = await receiptsByOrder(api.s);
    for (const old of before) receipts.delete(old);
    expectExactlyOnceEffects(ids, receipts, created, generated);
    expect(api.s.eventBridge.bus.deadLetters.list()).toEqual([]);
  }, 120_000);

  it('parks a poison event for the receipts worker in the DLQ with its reason; orders around it get their receipts', async () => {
    const client = new EventBridgeClient({ endpoint: api.s.eventBridge.url, region: 'us-east-1', credentials: api.s.iamCredentials });
    try {
      const poison = {
        eventId: 'f'.repeat(32),
        type: 'OrderCreated',
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'stockroom.orders',
        data: {},
      };
      const [first, put] = await Promise.all([
        createOrder(api.s, customer('around')),
        client.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: `stockroom-${api.s.stage}-bus`,
                Source: 'stockroom.orders',
                DetailType: 'OrderCreated',
                Detail: JSON.stringify(poison),
              },
            ],
          }),
        ),
      ]);
      expect(put.FailedEntryCount).toBe(0);
      const second = await createOrder(api.s, customer('around'));
      await settle(api.s);
      // Every OrderCreated consumer refuses it (receipts and popularity): each parks its own letter.
      const all = api.s.eventBridge.bus.deadLetters.list();
      expect(all.map((l) => l.rule).sort()).toEqual([`stockroom-${api.s.stage}-popularity-rule`, `stockroom-${api.s.stage}-receipts-rule`]);
      const letters = all.filter((l) => l.rule === `stockroom-${api.s.stage}-receipts-rule`);
      expect(letters[0]).toMatchObject({ attempts: 3 });
      expect(letters[0]!.error).toMatch(/not an OrderCreated event: data.items must be a non-empty list/);
      expect((letters[0]!.event as { detail: { eventId: string } }).detail.eventId).toBe(poison.eventId);
      const receipts = await receiptsByOrder(api.s);
      expect(receipts.get(first)).toHaveLength(1);
      expect(receipts.get(second)).toHaveLength(1);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
