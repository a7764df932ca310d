/**
 * The local stand-in of the SQS queue between the ingest bucket and its function: each S3 event
 * becomes an SQS message, delivered to the function as an SQS event of one record; a message the
 * function reports in `batchItemFailures` (or a thrown invocation) becomes visible again after the
 * visibility delay, with `ApproximateReceiveCount` raised, until `maxReceiveCount`, then it goes
 * to the local DLQ — what the SQS redrive policy does on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalDlq } from '../dlq.js';

export interface LocalQueueOptions {
  /** `stockroom-<stage>-<function>-queue` */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly maxReceiveCount: number;
  readonly visibilityDelayMs: number;
  readonly deliver: (event: SQSEvent) => Promise<unknown>;
  readonly dlq: LocalDlq;
  readonly dlqName: string;
  readonly functionName: string;
  readonly log: (message: string) => void;
}

export interface LocalQueue {
  send(body: string): void;
  /** Resolves once no message is in flight or waiting to be visible again. */
  drain(): Promise<void>;
  close(): void;
}

export function sqsRecord(
  body: string,
  o: { queueName: string; region: string; accountId: string; messageId: string; receiveCount: number; sentAt: number },
): SQSRecord {
  return {
    messageId: o.messageId,
    receiptHandle: `${o.messageId}#${o.receiveCount}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(o.receiveCount),
      SentTimestamp: String(o.sentAt),
      SenderId: 'AIDAS3LOCAL',
      ApproximateFirstReceiveTimestamp: String(o.sentAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${o.region}:${o.accountId}:${o.queueName}`,
    awsRegion: o.region,
  };
}

function failedIds(result: unknown): Set<string> {
  const failures = (result as { batchItemFailures?: { itemIdentifier?: string }[] } | undefined)?.batchItemFailures;
  return new Set((failures ?? []).map((f) => String(f.itemIdentifier)));
}

export function createLocalQueue(o: LocalQueueOptions): LocalQueue {
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let idle: (() => void)[] = [];
  const settle = (): void => {
    if (inFlight.size === 0 && timers.size === 0) for (const resolve of idle.splice(0)) resolve();
  };
  const attempt = (body: string, messageId: string, receiveCount: number, sentAt: number): void => {
    if (closed) return;
    const run = (async () => {
      const record = sqsRecord(body, { queueName: o.name, region: o.region, accountId: o.accountId, messageId, receiveCount, sentAt });
      let error: string | undefined;
      try {
        const result = await o.deliver({ Records: [record] });
        if (failedIds(result).has(messageId)) error = 'reported in batchItemFailures';
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (error === undefined) return;
      if (receiveCount >= o.maxReceiveCount) {
        o.log(`[s3] ${o.name}: message ${messageId} moved to ${o.dlqName} after ${receiveCount} receives: ${error}`);
        await o.dlq.send(o.dlqName, {
          source: 's3',
          functionName: o.functionName,
          attempts: receiveCount,
          error,
          payload: JSON.parse(body) as unknown,
        });
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        attempt(body, messageId, receiveCount + 1, sentAt);
        settle();
      }, o.visibilityDelayMs);
      timers.add(timer);
    })();
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      settle();
    });
  };
  return {
    send: (body) => attempt(body, randomUUID(), 1, Date.now()),
    drain: () =>
      inFlight.size === 0 && timers.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idle.push(resolve);
          }),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      idle.splice(0).forEach((r) => r());
      idle = [];
    },
  };
}
