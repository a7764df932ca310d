import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from '../../../local/services/stream-poller/index.js';
import { createTestTables, type TestTables } from '../../setup/tables.js';

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables('sp');
});
afterAll(async () => {
  await tables.destroy();
});

/** Each test writes under its own partition key prefix and only looks at those records. */
function mine(prefix: string, records: DynamoDBRecord[]): DynamoDBRecord[] {
  return records.filter((r) => String(r.dynamodb?.Keys?.['pk']?.S).startsWith(prefix));
}

async function put(pk: string, extra: Record<string, { S: string } | { N: string } | { B: Uint8Array }> = {}): Promise<void> {
  await tables.client.send(new PutItemCommand({ TableName: tables.main, Item: { pk: { S: pk }, sk: { S: 'X' }, ...extra } }));
}

async function poller(
  invoke: StreamPollerOptions['invoke'],
  batchSize: number,
  more: Partial<StreamPollerOptions> = {},
): Promise<StreamPoller> {
  return startStreamPoller({
    endpoint: tables.endpoint,
    stage: tables.stage,
    tableName: (l) => tables.names[l] as string,
    mappings: [{ functionName: 'probe', table: 'main', batchSize }],
    invoke,
    retryDelayMs: 5,
    log: () => undefined,
    ...more,
  });
}

describe('local/services/stream-poller', () => {
  it('delivers inserts, modifies and removes written after start, in order, as AWS-shaped batches', async () => {
    await put('order-before'); // written before start: LATEST does not replay it
    const events: DynamoDBStreamEvent[] = [];
    const p = await poller(async (_fn, event) => {
      events.push(event);
    }, 3);
    try {
      await put('order-a', { n: { N: '1' }, bin: { B: new Uint8Array([1, 2, 3]) } });
      await tables.client.send(
        new UpdateItemCommand({
          TableName: tables.main,
          Key: { pk: { S: 'order-a' }, sk: { S: 'X' } },
          UpdateExpression: 'SET n = :two',
          ExpressionAttributeValues: { ':two': { N: '2' } },
        }),
      );
      await put('order-b');
      await tables.client.send(new DeleteItemCommand({ TableName: tables.main, Key: { pk: { S: 'order-a' }, sk: { S: 'X' } } }));
      await put('order-c');
      await p.drain();

      const records = mine(
        'order-',
        events.flatMap((e) => e.Records),
      );
      expect(records.map((r) => `${r.eventName} ${r.dynamodb?.Keys?.['pk']?.S}`)).toEqual([
        'INSERT order-a',
        'MODIFY order-a',
        'INSERT order-b',
        'REMOVE order-a',
        'INSERT order-c',
      ]);
      expect(events.every((e) => e.Records.length >= 1 && e.Records.length <= 3)).toBe(true);
      const seqs = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
      expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);

      const [insert, modify, , remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
      expect(insert).toMatchObject({
        eventSource: 'aws:dynamodb',
        eventVersion: '1.1',
        awsRegion: 'us-east-1',
        eventSourceARN: expect.stringContaining(`table/${tables.main}/stream/`),
      });
      expect(typeof insert.eventID).toBe('string');
      expect(insert.dynamodb).toMatchObject({
        Keys: { pk: { S: 'order-a' }, sk: { S: 'X' } },
        NewImage: { pk: { S: 'order-a' }, n: { N: '1' }, bin: { B: Buffer.from([1, 2, 3]).toString('base64') } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      });
      expect(typeof insert.dynamodb?.ApproximateCreationDateTime).toBe('number');
      expect(typeof insert.dynamodb?.SizeBytes).toBe('number');
      expect(insert.dynamodb?.OldImage).toBeUndefined();
      expect(modify.dynamodb?.OldImage?.['n']).toEqual({ N: '1' });
      expect(modify.dynamodb?.NewImage?.['n']).toEqual({ N: '2' });
      expect(remove.dynamodb?.NewImage).toBeUndefined();
      expect(remove.dynamodb?.OldImage?.['n']).toEqual({ N: '2' });
    } finally {
      await p.stop();
    }
  });

  it('retries a partial batch failure from the failed record only', async () => {
    const seen: string[][] = [];
    let failedOnce = false;
    const p = await poller(async (_fn, event) => {
      const keys = event.Records.map((r) => String(r.dynamodb?.Keys?.['pk']?.S));
      seen.push(keys);
      const third = event.Records.find((r) => r.dynamodb?.Keys?.['pk']?.S === 'partial-3');
      if (third && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: third.dynamodb?.SequenceNumber as string }] };
      }
      return { batchItemFailures: [] };
    }, 10);
    try {
      for (let i = 1; i <= 5; i++) await put(`partial-${i}`);
      await p.drain();
      const batches = seen.map((b) => b.filter((k) => k.startsWith('partial-'))).filter((b) => b.length > 0);
      const delivered = batches.flat();
      // 1 and 2 were checkpointed by the partial response: never delivered again.
      expect(delivered.filter((k) => k === 'partial-1')).toHaveLength(1);
      expect(delivered.filter((k) => k === 'partial-2')).toHaveLength(1);
      expect(delivered.filter((k) => k === 'partial-3')).toHaveLength(2);
      // The retry is the second batch holding partial-3 (batch boundaries depend on poll timing).
      const first = batches.findIndex((b) => b.includes('partial-3'));
      const retry = batches.find((b, i) => i > first && b.includes('partial-3'));
      expect(retry?.[0]).toBe('partial-3');
      // Order of first successful deliveries is the write order.
      expect([...new Set(delivered)]).toEqual(['partial-1', 'partial-2', 'partial-3', 'partial-4', 'partial-5']);
      expect(p.dlq.list()).toHaveLength(0);
    } finally {
      await p.stop();
    }
  });

  it('bisects a failing batch, sends a poison record to the DLQ after the retries, and keeps going in order', async () => {
    const committed: string[] = [];
    let invocationsWithPoison = 0;
    const p = await poller(
      async (_fn, event) => {
        const keys = event.Records.map((r) => String(r.dynamodb?.Keys?.['pk']?.S));
        if (keys.includes('poison-bad')) {
          invocationsWithPoison++;
          throw new Error('cannot handle poison-bad');
        }
        committed.push(...keys.filter((k) => k.startsWith('poison-')));
      },
      10,
      { maxRetries: 2 },
    );
    try {
      await put('poison-ok1');
      await put('poison-ok2');
      await put('poison-bad');
      await put('poison-ok3');
      await p.drain();
      expect(committed).toEqual(['poison-ok1', 'poison-ok2', 'poison-ok3']);
      const dead = p.dlq.list();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({
        queue: `stockroom-${tables.stage}-probe-dlq`,
        source: 'stream',
        functionName: 'probe',
        attempts: 3,
        error: 'Error: cannot handle poison-bad',
      });
      expect((dead[0]?.payload as DynamoDBRecord).dynamodb?.Keys?.['pk']).toEqual({ S: 'poison-bad' });
      // Whole batch, halves until alone, then 2 retries alone.
      expect(invocationsWithPoison).toBeGreaterThanOrEqual(3);
      expect(p.stats().deadLettered).toBe(1);
    } finally {
      await p.stop();
    }
  });

  it('drain() waits for a slow handler and for records written while it runs', async () => {
    const done: string[] = [];
    const p = await poller(async (_fn, event) => {
      await new Promise((r) => setTimeout(r, 150));
      for (const r of event.Records) {
        const pk = String(r.dynamodb?.Keys?.['pk']?.S);
        if (pk === 'drain-1') await put('drain-2'); // a record caused by processing another
        if (pk.startsWith('drain-')) done.push(pk);
      }
    }, 100);
    try {
      await put('drain-1');
      await p.drain();
      expect(done).toEqual(['drain-1', 'drain-2']);
    } finally {
      await p.stop();
    }
  });
});

describe('local/services/stream-poller wake()', () => {
  it('delivers a write at once when woken after it, instead of after the idle pause', async () => {
    const seen = new Map<string, number>();
    // An idle pause far longer than the assertions allow: only wake() can explain a fast delivery.
    const p = await poller(
      async (_fn, event) => {
        for (const r of mine('wake-', event.Records)) seen.set(String(r.dynamodb?.Keys?.['pk']?.S), Date.now());
      },
      10,
      { pollIntervalMs: 10_000 },
    );
    try {
      await new Promise((r) => setTimeout(r, 300)); // the first (empty) poll is done: the poller sleeps
      for (let i = 0; i < 5; i++) {
        const pk = `wake-${i}`;
        await put(pk);
        const written = Date.now();
        p.wake();
        const deadline = written + 2000;
        while (!seen.has(pk) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        expect(seen.get(pk), `${pk} delivered within 2 s of wake()`).toBeLessThan(deadline);
      }
    } finally {
      await p.stop();
    }
  });
});

describe('local/services/stream-poller checkpoints', () => {
  it('resumes after a restart from its checkpoint, delivering what was written while it was stopped', async () => {
    const checkpointFile = join(mkdtempSync(join(tmpdir(), 'stockroom-sp-')), 'checkpoints.json');
    const seen: string[] = [];
    const record = async (_fn: string, event: DynamoDBStreamEvent) => {
      seen.push(...mine('ckpt-', event.Records).map((r) => String(r.dynamodb?.Keys?.['pk']?.S)));
    };
    const first = await poller(record, 10, { checkpointFile });
    await put('ckpt-1');
    await first.drain();
    await first.stop();
    await put('ckpt-2'); // nobody is polling
    const second = await poller(record, 10, { checkpointFile });
    try {
      await put('ckpt-3');
      await second.drain();
    } finally {
      await second.stop();
    }
    expect(seen).toEqual(['ckpt-1', 'ckpt-2', 'ckpt-3']);
  });
});
