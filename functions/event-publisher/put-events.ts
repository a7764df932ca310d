/**
 * Sends domain events to the bus with PutEvents in batches EventBridge accepts (≤ 10 entries and
 * ≤ 256 KB by its entry-size formula: "Calculating Amazon EventBridge PutEvents event entry
 * size"), retrying only the entries the bus failed (`FailedEntryCount`) with exponential backoff.
 * Answers which events could not be published after the last attempt.
 */
import { Buffer } from 'node:buffer';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from './domain-events.js';

export const MAX_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;

export interface PutEventsOptions {
  readonly client: EventBridgeClient;
  readonly eventBusName: string;
  /** Attempts per entry, the first included (default 4). */
  readonly maxAttempts?: number;
  /** Delay before the first retry; doubles each time (default 100 ms). */
  readonly baseDelayMs?: number;
}

export interface FailedEvent {
  readonly event: DomainEvent;
  readonly errorCode: string;
  readonly errorMessage: string;
}

export function toEntry(event: DomainEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.occurredAt),
  };
}

/** AWS's formula: 14 bytes for Time, plus the UTF-8 bytes of Source, DetailType, Detail and Resources. */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined): number => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (
    (entry.Time ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((n, r) => n + bytes(r), 0)
  );
}

/** Splits in order into batches of at most 10 entries and 256 KB (an oversized entry alone). */
export function batches<T>(items: readonly T[], sizeOf: (item: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length === MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Entries the bus will never accept: retrying them cannot help. */
const PERMANENT = new Set([
  'InvalidArgument',
  'MalformedDetail',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
  'ResourceNotFoundException',
]);

export async function putDomainEvents(events: readonly DomainEvent[], options: PutEventsOptions): Promise<FailedEvent[]> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const failed: FailedEvent[] = [];
  let pending = events.map((event) => ({ event, entry: toEntry(event, options.eventBusName) }));
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const retry: typeof pending = [];
    for (const batch of batches(pending, (p) => entrySize(p.entry))) {
      const out = await options.client.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
      batch.forEach((p, i) => {
        const result = out.Entries?.[i];
        if (result?.EventId) return;
        const errorCode = result?.ErrorCode ?? 'Unknown';
        const failure = { event: p.event, errorCode, errorMessage: result?.ErrorMessage ?? 'no result for the entry' };
        if (PERMANENT.has(errorCode) || attempt >= maxAttempts) failed.push(failure);
        else retry.push(p);
      });
    }
    pending = retry;
    if (pending.length > 0) await sleep(baseDelayMs * 2 ** (attempt - 1));
  }
  return failed;
}
