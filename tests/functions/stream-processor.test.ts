import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { startStreamPoller, streamMappings } from '../../local/services/stream-poller/index.js';
import { createHarness, ledgerRows, moveStock, putStock, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('spx');
});
afterAll(async () => {
  await h.destroy();
});

/** Runs the real handler (via the local function runner) behind the poller, recording every event. */
async function withRecordedPoller(act: () => Promise<void>): Promise<DynamoDBStreamEvent[]> {
  const events: DynamoDBStreamEvent[] = [];
  const poller = await startStreamPoller({
    endpoint: h.tables.endpoint,
    stage: h.tables.stage,
    tableName: (l) => h.tables.names[l] as string,
    invoke: async (name, event) => {
      events.push(event);
      return h.functions.invoke(name, event);
    },
    mappings: streamMappings().filter((m) => m.functionName === 'stream-processor'),
    retryDelayMs: 5,
    maxRetries: 1,
    log: () => undefined,
  });
  try {
    await act();
    await poller.drain();
  } finally {
    await poller.stop();
  }
  return events;
}

describe('functions/stream-processor', () => {
  it('writes exactly one gapless ledger row per sequence, and a replayed batch changes nothing', async () => {
    const events = await withRecordedPoller(async () => {
      await putStock(h, { productId: 'p1', warehouseId: 'w1', onHand: 10 });
      await moveStock(h, 'p1', 'w1', { reason: 'RESERVED', reference: 'res_a', onHandDelta: 0, reservedDelta: 3 });
      await moveStock(h, 'p1', 'w1', { reason: 'RECEIVED', actor: 'admin:alice', reference: 'po-7', onHandDelta: 5, reservedDelta: 0 });
      await moveStock(h, 'p1', 'w1', { reason: 'CONFIRMED', reference: 'res_a', onHandDelta: -3, reservedDelta: -3 });
    });
    const rows = await ledgerRows(h, 'p1', 'w1');
    expect(rows.map((r) => r['sk'])).toEqual([1, 2, 3, 4].map((n) => `LEDGER#w1#${String(n).padStart(12, '0')}`));
    expect(
      rows.map((r) => [
        r['sequence'],
        r['reason'],
        r['onHandDelta'],
        r['reservedDelta'],
        r['onHandAfter'],
        r['reservedAfter'],
        r['availableAfter'],
      ]),
    ).toEqual([
      [1, 'ADMIN_SET', 10, 0, 10, 0, 10],
      [2, 'RESERVED', 0, 3, 10, 3, 7],
      [3, 'RECEIVED', 5, 0, 15, 3, 12],
      [4, 'CONFIRMED', -3, -3, 12, 0, 12],
    ]);
    expect(rows[1]).toMatchObject({
      entity: 'LedgerEntry',
      productId: 'p1',
      warehouseId: 'w1',
      actor: 'partner:p1',
      reference: 'res_a',
      pk: 'PRODUCT#p1',
    });
    expect(typeof rows[1]?.['at']).toBe('string');
    expect(rows.some((r) => 'declaredOnHandDelta' in r)).toBe(false);

    // Replay: the same batches delivered again (at-least-once delivery) are no-ops.
    const before = JSON.stringify(rows);
    for (const event of events) {
      const response = (await h.functions.invoke('stream-processor', event)) as DynamoDBBatchResponse;
      expect(response.batchItemFailures).toEqual([]);
    }
    expect(JSON.stringify(await ledgerRows(h, 'p1', 'w1'))).toBe(before);
  });

  it('computes deltas from the images and keeps a disagreeing lastMovement beside them', async () => {
    await withRecordedPoller(async () => {
      await putStock(h, {
        productId: 'p2',
        warehouseId: 'w1',
        onHand: 4,
        reserved: 1,
        movement: { reason: 'ADMIN_SET', onHandDelta: 4, reservedDelta: 1 },
      });
      // A writer bug: declares +2 but the counters moved by +5.
      await h.doc.send(
        new UpdateCommand({
          TableName: h.table,
          Key: { pk: 'PRODUCT#p2', sk: 'STOCK#w1' },
          UpdateExpression: 'SET onHand = onHand + :five, available = available + :five, #s = #s + :one, lastMovement = :m',
          ExpressionAttributeNames: { '#s': 'sequence' },
          ExpressionAttributeValues: {
            ':five': 5,
            ':one': 1,
            ':m': {
              reason: 'RECEIVED',
              actor: 'admin:bob',
              reference: null,
              onHandDelta: 2,
              reservedDelta: 0,
              at: new Date().toISOString(),
            },
          },
        }),
      );
      // A change without a sequence increase (e.g. a threshold-only edit) writes no row.
      await h.doc.send(
        new UpdateCommand({
          TableName: h.table,
          Key: { pk: 'PRODUCT#p2', sk: 'STOCK#w1' },
          UpdateExpression: 'SET threshold = :t',
          ExpressionAttributeValues: { ':t': 9 },
        }),
      );
    });
    const rows = await ledgerRows(h, 'p2', 'w1');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ sequence: 1, onHandDelta: 4, reservedDelta: 1, availableAfter: 3 });
    expect(rows[1]).toMatchObject({
      sequence: 2,
      reason: 'RECEIVED',
      onHandDelta: 5,
      declaredOnHandDelta: 2,
      onHandAfter: 9,
      reference: null,
    });
  });

  it('reports a bad record and the later records of the same item as failed, and still processes other items', async () => {
    const seqBase = 100;
    const image = (seq: number, withMovement: boolean) => ({
      pk: { S: 'PRODUCT#p3' },
      sk: { S: 'STOCK#w1' },
      onHand: { N: '5' },
      reserved: { N: '0' },
      available: { N: '5' },
      sequence: { N: String(seq) },
      ...(withMovement
        ? {
            lastMovement: {
              M: {
                reason: { S: 'ADMIN_SET' },
                actor: { S: 'admin:a' },
                reference: { NULL: true },
                onHandDelta: { N: String(seq === 1 ? 5 : 0) },
                reservedDelta: { N: '0' },
                at: { S: '2026-01-01T00:00:00.000Z' },
              },
            },
          }
        : {}),
    });
    const record = (sn: number, newImage: Record<string, unknown>, oldImage?: Record<string, unknown>) => ({
      eventID: `e${sn}`,
      eventName: oldImage ? 'MODIFY' : 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        Keys: { pk: newImage['pk'], sk: newImage['sk'] },
        NewImage: newImage,
        OldImage: oldImage,
        SequenceNumber: String(sn).padStart(21, '0'),
        SizeBytes: 100,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/2026',
    });
    const other = { ...image(1, true), pk: { S: 'PRODUCT#p4' } };
    const event = {
      Records: [
        record(seqBase + 1, image(1, false)), // sequence 1 without lastMovement: a writer bug
        record(seqBase + 2, other),
        record(seqBase + 3, image(2, true), image(1, false)),
      ],
    } as unknown as DynamoDBStreamEvent;
    const response = (await h.functions.invoke('stream-processor', event)) as DynamoDBBatchResponse;
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: String(seqBase + 1).padStart(21, '0') },
      { itemIdentifier: String(seqBase + 3).padStart(21, '0') },
    ]);
    expect(await ledgerRows(h, 'p3', 'w1')).toHaveLength(0);
    expect(await ledgerRows(h, 'p4', 'w1')).toHaveLength(1);
  });
});
