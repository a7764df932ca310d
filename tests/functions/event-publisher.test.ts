/**
 * functions/event-publisher against the local EventBridge endpoint (real SDK client), fed
 * AWS-shaped DynamoDB stream records: which events each change means, deterministic ids,
 * PutEvents batching, retrying only failed entries, partial batch failures, a crash mid-batch,
 * and (last) the real change stream of DynamoDB Local. Every emitted event is validated against
 * its JSON Schema in events/.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventPublisher, type EventPublisherDeps } from '../../functions/event-publisher/index.js';
import { eventIdFor, type DomainEvent } from '../../functions/event-publisher/domain-events.js';
import { createLocalEventBus, rejectOnce, type LocalEventBus } from '../../local/services/eventbridge/bus.js';
import type { EventBridgeEvent } from '../../local/services/eventbridge/event-shape.js';
import { startEventBridgeServer, type EventBridgeEndpoint } from '../../local/services/eventbridge/server.js';
import { expectValidEvent } from '../events/validate.js';

const BUS = 'stockroom-test-bus';
let endpoint: EventBridgeEndpoint;
let bus: LocalEventBus;
let delivered: EventBridgeEvent[];
let batchSizes: number[];
let client: EventBridgeClient;
let crashOnCall: number | undefined;

beforeAll(async () => {
  delivered = [];
  bus = createLocalEventBus({
    eventBusNames: [BUS],
    rules: [
      {
        name: 'all-stockroom',
        eventBusName: BUS,
        eventPattern: { source: [{ prefix: 'stockroom.' }] },
        target: (e) => void delivered.push(e),
      },
    ],
  });
  endpoint = await startEventBridgeServer({ bus });
  client = new EventBridgeClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    maxAttempts: 1,
  });
  // Records each PutEvents batch size; can simulate the function crashing at the n-th call.
  client.middlewareStack.add(
    (next) => async (args) => {
      const entries = (args.input as { Entries?: unknown[] }).Entries ?? [];
      batchSizes.push(entries.length);
      if (crashOnCall !== undefined && batchSizes.length === crashOnCall) throw new Error('Runtime.ExitError: the function crashed');
      return next(args);
    },
    { step: 'initialize', name: 'recordBatches' },
  );
});
afterAll(async () => {
  await endpoint.close();
});
afterEach(() => {
  bus.setEntryFault(undefined);
  crashOnCall = undefined;
});

function publisher(overrides: Partial<EventPublisherDeps> = {}) {
  return createEventPublisher({
    client,
    eventBusName: BUS,
    baseDelayMs: 1,
    log: { debug() {}, info() {}, warn() {}, error() {} },
    ...overrides,
  });
}

/** Runs the publisher and answers the events the bus accepted during the run, validated. */
async function publish(event: DynamoDBStreamEvent, overrides: Partial<EventPublisherDeps> = {}) {
  const before = bus.events().length;
  batchSizes = [];
  const response = await publisher(overrides)(event);
  await bus.drain();
  const events = bus
    .events()
    .slice(before)
    .map((e) => e.detail as DomainEvent);
  for (const e of events) expectValidEvent(e);
  return { response, events };
}

let seq = 1000;
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  newItem: Record<string, unknown> | undefined,
  oldItem?: Record<string, unknown>,
): DynamoDBRecord {
  seq += 1;
  const item = (newItem ?? oldItem) as Record<string, unknown>;
  return {
    eventID: `evt-${seq}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1764590400,
      Keys: marshall({ pk: item['pk'], sk: item['sk'] }) as never,
      ...(newItem ? { NewImage: marshall(newItem, { removeUndefinedValues: true }) as never } : {}),
      ...(oldItem ? { OldImage: marshall(oldItem, { removeUndefinedValues: true }) as never } : {}),
      SequenceNumber: String(seq).padStart(21, '0'),
      SizeBytes: 256,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/stockroom-test-main/stream/2026-12-01T00:00:00.000',
  };
}

const at = '2026-12-01T10:00:00.000Z';
function stock(
  productId: string,
  s: {
    onHand: number;
    reserved?: number;
    threshold?: number;
    sequence: number;
    reason?: string;
    onHandDelta?: number;
    reservedDelta?: number;
    reference?: string;
  },
) {
  const reserved = s.reserved ?? 0;
  return {
    pk: `PRODUCT#${productId}`,
    sk: 'STOCK#wh-1',
    entity: 'InventoryItem',
    productId,
    warehouseId: 'wh-1',
    onHand: s.onHand,
    reserved,
    available: s.onHand - reserved,
    threshold: s.threshold ?? 5,
    version: s.sequence,
    sequence: s.sequence,
    updatedAt: at,
    lastMovement: {
      reason: s.reason ?? 'ADMIN_SET',
      actor: 'admin:alice',
      reference: s.reference ?? null,
      onHandDelta: s.onHandDelta ?? 0,
      reservedDelta: s.reservedDelta ?? 0,
      at,
    },
  };
}

function reservation(status: string, updatedAt = at) {
  return {
    pk: 'RESERVATION#res_1',
    sk: 'RESERVATION',
    entity: 'Reservation',
    id: 'res_1',
    requestId: 'req-1',
    partnerId: 'acme',
    status,
    lines: [{ productId: 'p-1', warehouseId: 'wh-1', quantity: 2 }],
    expiresAt: '2026-12-01T10:15:00.000Z',
    createdAt: at,
    updatedAt,
  };
}

const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('functions/event-publisher: which events a change means', () => {
  it.each([
    // [what, before (available via onHand/reserved, threshold 5), after, expected types]
    ['a new item above its threshold', undefined, { onHand: 10, sequence: 1 }, ['StockChanged']],
    ['a new item at its threshold', undefined, { onHand: 5, sequence: 1 }, ['StockChanged', 'LowStockDetected']],
    [
      'a reservation taking available from 8 to 5 (crossing)',
      { onHand: 8, sequence: 1 },
      { onHand: 8, reserved: 3, sequence: 2, reason: 'RESERVED' },
      ['StockChanged', 'LowStockDetected'],
    ],
    ['staying low (5 → 4): no repeat', { onHand: 5, sequence: 2 }, { onHand: 4, sequence: 3 }, ['StockChanged']],
    ['rising above and back: crosses again', { onHand: 6, sequence: 3 }, { onHand: 5, sequence: 4 }, ['StockChanged', 'LowStockDetected']],
    [
      'low to negative: oversold',
      { onHand: 3, sequence: 2 },
      { onHand: 1, reserved: 3, sequence: 3 },
      ['StockChanged', 'InventoryOversold'],
    ],
    [
      'above the threshold straight to negative: oversold only',
      { onHand: 10, reserved: 2, sequence: 2 },
      { onHand: 1, reserved: 2, sequence: 3 },
      ['StockChanged', 'InventoryOversold'],
    ],
    ['still negative: no repeat', { onHand: 1, reserved: 3, sequence: 3 }, { onHand: 0, reserved: 3, sequence: 4 }, ['StockChanged']],
    [
      'a threshold raise without movement crosses but is no stock change',
      { onHand: 8, sequence: 2 },
      { onHand: 8, threshold: 10, sequence: 2 },
      ['LowStockDetected'],
    ],
  ] as const)('%s', async (_what, before, after, types) => {
    const productId = `p-${seq}`;
    const rec = before ? record('MODIFY', stock(productId, after), stock(productId, before)) : record('INSERT', stock(productId, after));
    const { response, events } = await publish(streamEvent(rec));
    expect(response.batchItemFailures).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events.map((e) => e.eventId)).toEqual(types.map((t) => eventIdFor(rec.eventID as string, t)));
  });

  it('carries the counters, the deltas from the images and the movement in StockChanged', async () => {
    const rec = record(
      'MODIFY',
      stock('p-sc', { onHand: 8, reserved: 3, sequence: 2, reason: 'RESERVED', reservedDelta: 3 }),
      stock('p-sc', { onHand: 8, sequence: 1 }),
    );
    const { events } = await publish(streamEvent(rec));
    expect(events[0]).toEqual({
      eventId: eventIdFor(rec.eventID as string, 'StockChanged'),
      type: 'StockChanged',
      version: 1,
      occurredAt: at,
      source: 'stockroom.inventory',
      data: {
        productId: 'p-sc',
        warehouseId: 'wh-1',
        onHand: 8,
        reserved: 3,
        available: 5,
        threshold: 5,
        status: 'LOW_STOCK',
        sequence: 2,
        version: 2,
        reason: 'RESERVED',
        actor: 'admin:alice',
        reference: null,
        onHandDelta: 0,
        reservedDelta: 3,
        at,
      },
    });
  });

  it.each([
    ['a new ACTIVE reservation', record('INSERT', reservation('ACTIVE')), ['InventoryReserved']],
    ['ACTIVE → RELEASED', record('MODIFY', reservation('RELEASED'), reservation('ACTIVE')), ['ReservationReleased']],
    ['ACTIVE → EXPIRED', record('MODIFY', reservation('EXPIRED'), reservation('ACTIVE')), ['ReservationExpired']],
    ['ACTIVE → CONFIRMED', record('MODIFY', reservation('CONFIRMED'), reservation('ACTIVE')), ['ReservationConfirmed']],
    ['an extension (still ACTIVE)', record('MODIFY', reservation('ACTIVE', '2026-12-01T10:05:00.000Z'), reservation('ACTIVE')), []],
    ['a TTL deletion', record('REMOVE', undefined, reservation('EXPIRED')), []],
    ['an item of another kind', record('INSERT', { pk: 'PARTNERKEY#k', sk: 'KEY', name: 'x' }), []],
  ] as const)('reservation lifecycle: %s', async (_what, rec, types) => {
    const { events } = await publish(streamEvent(rec));
    expect(events.map((e) => e.type)).toEqual(types);
  });

  it('gives a replayed record the same event ids (and the bus sees them again: at least once)', async () => {
    const rec = record('INSERT', stock('p-replay', { onHand: 2, sequence: 1 }));
    const first = await publish(streamEvent(rec));
    const second = await publish(streamEvent(rec));
    expect(second.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
  });
});

describe('functions/event-publisher: delivery to the bus', () => {
  it('delivers EventBridge events with detail-type = type and the envelope as detail', async () => {
    const before = delivered.length;
    const rec = record('INSERT', stock('p-shape', { onHand: 10, sequence: 1 }));
    await publish(streamEvent(rec));
    const [e] = delivered.slice(before);
    expect(e).toMatchObject({
      version: '0',
      'detail-type': 'StockChanged',
      source: 'stockroom.inventory',
      time: '2026-12-01T10:00:00Z',
      detail: { type: 'StockChanged', eventId: eventIdFor(rec.eventID as string, 'StockChanged') },
    });
  });

  it('batches PutEvents by 10 entries', async () => {
    const records = Array.from({ length: 25 }, (_, i) => record('INSERT', stock(`p-batch-${i}`, { onHand: 10, sequence: 1 })));
    const { events } = await publish(streamEvent(...records));
    expect(events).toHaveLength(25);
    expect(batchSizes).toEqual([10, 10, 5]);
  });

  it('keeps each PutEvents under 256 KB', async () => {
    // Long movement references make ~60 KB entries: four fit in 256 KB, not five.
    const records = Array.from({ length: 6 }, (_, i) =>
      record('INSERT', stock(`p-big-${i}`, { onHand: 10, sequence: 1, reference: 'x'.repeat(60 * 1024) })),
    );
    const { response } = await publish(streamEvent(...records), {});
    expect(response.batchItemFailures).toEqual([]);
    expect(batchSizes).toEqual([4, 2]);
  });

  it('retries only the entries the bus failed', async () => {
    const records = Array.from({ length: 5 }, (_, i) => record('INSERT', stock(`p-retry-${i}`, { onHand: 10, sequence: 1 })));
    bus.setEntryFault(rejectOnce((_e, index) => index === 1 || index === 3));
    const { response, events } = await publish(streamEvent(...records));
    expect(response.batchItemFailures).toEqual([]);
    expect(batchSizes).toEqual([5, 2]);
    expect(events.map((e) => (e.data as { productId: string }).productId).sort()).toEqual(records.map((_, i) => `p-retry-${i}`).sort());
  });

  it('reports a record whose event the bus keeps failing, and only that record', async () => {
    const records = [0, 1, 2].map((i) => record('INSERT', stock(`p-stuck-${i}`, { onHand: 10, sequence: 1 })));
    bus.setEntryFault((entry) =>
      String(entry.Detail).includes('p-stuck-1') ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : undefined,
    );
    const { response, events } = await publish(streamEvent(...records), { maxAttempts: 3 });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }]);
    expect(batchSizes).toEqual([3, 1, 1]);
    expect(events.map((e) => (e.data as { productId: string }).productId)).toEqual(['p-stuck-0', 'p-stuck-2']);
  });

  it('reports a poison record alone; the rest flow on', async () => {
    const poison = record(
      'MODIFY',
      { ...stock('p-poison', { onHand: 10, sequence: 2 }), onHand: 'ten' },
      stock('p-poison', { onHand: 10, sequence: 1 }),
    );
    const ok = record('INSERT', stock('p-fine', { onHand: 10, sequence: 1 }));
    const { response, events } = await publish(streamEvent(poison, ok));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: poison.dynamodb?.SequenceNumber }]);
    expect(events.map((e) => e.type)).toEqual(['StockChanged']);
  });

  it('survives a crash in the middle of a batch: the retried batch delivers every event, under the same ids', async () => {
    const records = Array.from({ length: 15 }, (_, i) => record('INSERT', stock(`p-crash-${i}`, { onHand: 3, sequence: 1 })));
    const expected = records.flatMap((r) =>
      ['StockChanged', 'LowStockDetected'].map((t) => eventIdFor(r.eventID as string, t as 'StockChanged')),
    );
    const before = bus.events().length;
    crashOnCall = 2; // the first 10 events went out, then the function dies
    batchSizes = [];
    await expect(publisher()(streamEvent(...records))).rejects.toThrow(/crashed/);
    crashOnCall = undefined;
    // Lambda retries the whole batch.
    const retried = await publish(streamEvent(...records));
    expect(retried.response.batchItemFailures).toEqual([]);
    const ids = bus
      .events()
      .slice(before)
      .map((e) => (e.detail as DomainEvent).eventId);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(ids).toHaveLength(expected.length + 10); // the first 10 twice: at least once, deduplicated by id downstream
  });
});

describe('functions/event-publisher: live stock pushes (publishStockChange), beside the bus', () => {
  // The push is the AppSync call; here a recorder stands in (tests/e2e/events.test.ts runs the real one).
  function recorder(failFor?: (change: { productId: string; sequence: number }) => boolean) {
    const pushed: { productId: string; sequence: number; available: number }[] = [];
    const push = async (change: { productId: string; sequence: number; available: number }): Promise<void> => {
      if (failFor?.(change)) throw new Error('HTTP 500');
      pushed.push({ productId: change.productId, sequence: change.sequence, available: change.available });
    };
    return { pushed, push };
  }

  it('pushes every movement in stream order per item, and nothing for threshold edits or reservations', async () => {
    const { pushed, push } = recorder();
    const { response } = await publish(
      streamEvent(
        record('INSERT', stock('p-a', { onHand: 9, sequence: 1 })),
        record('MODIFY', stock('p-b', { onHand: 4, sequence: 1 })),
        record('MODIFY', stock('p-a', { onHand: 7, sequence: 2 }), stock('p-a', { onHand: 9, sequence: 1 })),
        record('MODIFY', { ...stock('p-a', { onHand: 7, sequence: 2 }), threshold: 1 }, stock('p-a', { onHand: 7, sequence: 2 })),
        record('INSERT', reservation('ACTIVE')),
      ),
      { pushStockChange: push },
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(pushed.filter((p) => p.productId === 'p-a')).toEqual([
      { productId: 'p-a', sequence: 1, available: 9 },
      { productId: 'p-a', sequence: 2, available: 7 },
    ]);
    expect(pushed.filter((p) => p.productId === 'p-b')).toEqual([{ productId: 'p-b', sequence: 1, available: 4 }]);
  });

  it('fails the record whose push failed and the later records of that item only; their events still reach the bus', async () => {
    const { pushed, push } = recorder((c) => c.productId === 'p-a' && c.sequence === 2);
    const records = [
      record('MODIFY', stock('p-a', { onHand: 9, sequence: 1 })),
      record('MODIFY', stock('p-a', { onHand: 8, sequence: 2 }), stock('p-a', { onHand: 9, sequence: 1 })),
      record('MODIFY', stock('p-b', { onHand: 4, sequence: 1 })),
      record('MODIFY', stock('p-a', { onHand: 7, sequence: 3 }), stock('p-a', { onHand: 8, sequence: 2 })),
    ];
    const { response, events } = await publish(streamEvent(...records), { pushStockChange: push });
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: records[1]!.dynamodb!.SequenceNumber },
      { itemIdentifier: records[3]!.dynamodb!.SequenceNumber },
    ]);
    expect(pushed.map((p) => `${p.productId}@${p.sequence}`).sort()).toEqual(['p-a@1', 'p-b@1']);
    expect(events.filter((e) => e.type === 'StockChanged')).toHaveLength(4);
  });
});
