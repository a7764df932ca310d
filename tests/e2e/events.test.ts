/**
 * The event pipeline end to end over HTTP on DynamoDB Local, as `npm start` wires it: a mutation
 * writes, the change stream feeds the event publisher (`functions/event-publisher/`), which puts
 * the domain events on the local bus (real EventBridge client) and pushes the stock change live
 * through the IAM-only `publishStockChange` to `onStockChanged` subscribers. Nothing here calls
 * the publish mutation or the bus itself: whatever arrives came through the publisher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/event-publisher/domain-events.js';
import type { EntryFault } from '../../local/services/eventbridge/bus.js';
import { expectValidEvent } from '../events/validate.js';
import { RealtimeTestClient } from '../local/server/realtime/support/protocol-client.js';
import { ALL_CHANGE_FIELDS, ON_STOCK_CHANGED } from '../local/server/realtime/support/stock-changes.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const SET_STOCK = 'mutation($input: SetStockInput!) { setStock(input: $input) { sequence } }';
const RESERVE = 'mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id status } }';

async function setStock(productId: string, onHand: number, threshold: number): Promise<number> {
  const r = await api.gql<{ setStock: { sequence: number } }>(api.admin, SET_STOCK, {
    input: { productId, warehouseId: 'wh-ev', onHand, threshold },
  });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.setStock.sequence;
}

/** Waits until the publisher has handled every change so far and the bus has delivered. */
async function settle(): Promise<void> {
  await api.s.drainStreams();
  await api.s.eventBridge.bus.drain();
}

const eventsOf = (productId: string): DomainEvent[] =>
  api.s.eventBridge.bus
    .events()
    .filter((e) => e.source.startsWith('stockroom.'))
    .map((e) => e.detail as DomainEvent)
    .filter((e) => JSON.stringify(e.data).includes(`"${productId}"`));

describe('reserveStock → event publisher → the local bus', () => {
  it('puts schema-valid events on the bus, and a redelivered record carries the same event ids', async () => {
    await setStock('ev-1', 10, 3);
    await settle();
    // The bus refuses the reservation's StockChanged more often than the publisher retries an
    // entry within one invocation, so the stream record fails and is delivered again.
    let refusals = 0;
    const refuseFirstDelivery: EntryFault = (entry) => {
      const detail = String(entry.Detail);
      if (entry.DetailType !== 'StockChanged' || !detail.includes('"ev-1"') || !detail.includes('"RESERVED"') || refusals >= 4)
        return undefined;
      refusals += 1;
      return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service error.' };
    };
    api.s.eventBridge.bus.setEntryFault(refuseFirstDelivery);
    try {
      const r = await api.gql<{ reserveStock: { id: string; status: string } }>(api.admin, RESERVE, {
        input: { requestId: 'ev-req-1', lines: [{ productId: 'ev-1', warehouseId: 'wh-ev', quantity: 8 }] },
      });
      expect(r.body.errors).toBeUndefined();
      await settle();
    } finally {
      api.s.eventBridge.bus.setEntryFault(undefined);
    }
    expect(refusals).toBe(4);

    const events = eventsOf('ev-1');
    for (const e of events) expectValidEvent(e);
    const reserved = events.filter(
      (e) => (e.data as { reason?: string }).reason === 'RESERVED' || e.type === 'InventoryReserved' || e.type === 'LowStockDetected',
    );
    expect(new Set(reserved.map((e) => e.type))).toEqual(new Set(['StockChanged', 'LowStockDetected', 'InventoryReserved']));
    // Same id ⇒ same event: a consumer deduplicating by eventId sees each change once.
    const byId = new Map<string, DomainEvent[]>();
    for (const e of reserved) byId.set(e.eventId, [...(byId.get(e.eventId) ?? []), e]);
    for (const copies of byId.values()) for (const copy of copies) expect(copy).toEqual(copies[0]);
    expect(new Set(reserved.map((e) => e.type)).size).toBe(byId.size);
    // The record was delivered twice: its LowStockDetected reached the bus twice, under one id.
    const low = reserved.filter((e) => e.type === 'LowStockDetected');
    expect(low).toHaveLength(2);
    expect(low[1]!.eventId).toBe(low[0]!.eventId);
    expect(reserved.filter((e) => e.type === 'StockChanged')).toHaveLength(1);
  }, 60_000);
});

describe('stock changes reach onStockChanged subscribers through the publisher', () => {
  it('each change of the item arrives, in stream order, without any direct publish call', async () => {
    const host = new URL(api.s.graphqlUrl).host;
    const admin = await RealtimeTestClient.open(api.s.realtimeUrl, { host, Authorization: api.s.adminToken });
    try {
      expect((await admin.init()).type).toBe('connection_ack');
      await admin.start('s', ON_STOCK_CHANGED(ALL_CHANGE_FIELDS), { p: 'ev-2' }, { host, Authorization: api.s.adminToken });
      const first = await setStock('ev-2', 12, 3);
      const r = await api.gql(api.admin, RESERVE, {
        input: { requestId: 'ev-req-2', lines: [{ productId: 'ev-2', warehouseId: 'wh-ev', quantity: 10 }] },
      });
      expect(r.body.errors).toBeUndefined();
      await admin.next((f) => f.type === 'data' && JSON.stringify(f.payload).includes(`"sequence":${first + 1}`), 30_000);
      const changes = admin
        .dataFor('s')
        .map(
          (f) =>
            (f.payload?.data as { onStockChanged: { sequence: number; available: number; reason: string; status: string } }).onStockChanged,
        );
      expect(changes.map((c) => [c.sequence, c.available, c.reason, c.status])).toEqual([
        [first, 12, 'ADMIN_SET', 'IN_STOCK'],
        [first + 1, 2, 'RESERVED', 'LOW_STOCK'],
      ]);
    } finally {
      admin.close();
    }
  }, 60_000);
});
