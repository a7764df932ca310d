/**
 * functions/event-publisher on the real change stream: writes to DynamoDB Local, the local stream
 * poller delivering Lambda-shaped batches (as `npm start` does), the real EventBridge client on
 * the local bus. Every event is validated against its JSON Schema.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventPublisher } from '../../functions/event-publisher/index.js';
import type { DomainEvent } from '../../functions/event-publisher/domain-events.js';
import { createLocalEventBus } from '../../local/services/eventbridge/bus.js';
import { startEventBridgeServer, type EventBridgeEndpoint } from '../../local/services/eventbridge/server.js';
import { startStreamPoller, streamMappings } from '../../local/services/stream-poller/index.js';
import { expectValidEvent } from '../events/validate.js';
import { createHarness, moveStock, putReservation, putStock, type Harness } from './helpers.js';

const BUS = 'stockroom-test-bus';
let h: Harness;
let endpoint: EventBridgeEndpoint;

beforeAll(async () => {
  h = await createHarness('evp');
  endpoint = await startEventBridgeServer({ bus: createLocalEventBus({ eventBusNames: [BUS] }) });
});
afterAll(async () => {
  await endpoint.close();
  await h.destroy();
});

describe('functions/event-publisher on the DynamoDB Local change stream', () => {
  it('publishes the inventory and reservation events of real writes, each valid and once per change', async () => {
    const client = new EventBridgeClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    });
    const publish = createEventPublisher({ client, eventBusName: BUS, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const poller = await startStreamPoller({
      endpoint: h.tables.endpoint,
      stage: h.tables.stage,
      tableName: (l) => h.tables.names[l] as string,
      // The poller feeds the publisher's own mapping; the publisher runs with a test client.
      invoke: (_name, event) => publish(event as DynamoDBStreamEvent),
      mappings: streamMappings().filter((m) => m.functionName === 'event-publisher'),
      retryDelayMs: 5,
      log: () => undefined,
    });
    try {
      await putStock(h, { productId: 'p1', warehouseId: 'w1', onHand: 8, threshold: 5 });
      await moveStock(h, 'p1', 'w1', { reason: 'RESERVED', reference: 'res_a1', onHandDelta: 0, reservedDelta: 3 });
      await putReservation(h, {
        id: 'res_a1',
        lines: [{ productId: 'p1', warehouseId: 'w1', quantity: 3 }],
        expiresAt: new Date(Date.now() + 900_000),
      });
      await h.doc.send(
        new UpdateCommand({
          TableName: h.table,
          Key: { pk: 'RESERVATION#res_a1', sk: 'RESERVATION' },
          UpdateExpression: 'SET #s = :s, updatedAt = :now REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': 'RELEASED', ':now': new Date().toISOString() },
        }),
      );
      await moveStock(h, 'p1', 'w1', { reason: 'RELEASED', reference: 'res_a1', onHandDelta: 0, reservedDelta: -3 });
      await poller.drain({ timeoutMs: 60_000 });
    } finally {
      await poller.stop();
    }
    const events = endpoint.bus.events().map((e) => e.detail as DomainEvent);
    for (const e of events) expectValidEvent(e);
    const summary = events.map((e) => [e.type, (e.data as { sequence?: number }).sequence ?? (e.data as { status?: string }).status]);
    expect(summary.filter(([type]) => type !== 'InventoryReserved' && type !== 'ReservationReleased')).toEqual([
      ['StockChanged', 1],
      ['StockChanged', 2],
      ['LowStockDetected', 2],
      ['StockChanged', 3],
    ]);
    expect(summary.filter(([type]) => type === 'InventoryReserved' || type === 'ReservationReleased')).toEqual([
      ['InventoryReserved', 'ACTIVE'],
      ['ReservationReleased', 'RELEASED'],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });
});
