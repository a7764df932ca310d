/**
 * The event EventBridge hands to rule targets ("Amazon EventBridge events": the envelope with
 * `version, id, detail-type, source, account, time, region, resources, detail`), and the
 * PutEvents entry it is built from.
 */
import { randomUUID } from 'node:crypto';

export interface EventBridgeEvent<Detail = unknown> {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without milliseconds, as EventBridge writes it (`2017-12-22T18:43:48Z`). */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Detail;
}

/** A PutEvents request entry as it arrives on the wire (JSON 1.1: `Time` is epoch seconds). */
export interface PutEventsEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly Resources?: unknown;
  readonly Time?: unknown;
  readonly EventBusName?: unknown;
  readonly TraceHeader?: unknown;
}

export function eventBridgeTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function buildEvent(
  entry: { source: string; detailType: string; detail: unknown; resources: readonly string[]; time: Date },
  where: { account: string; region: string },
): EventBridgeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: where.account,
    time: eventBridgeTime(entry.time),
    region: where.region,
    resources: [...entry.resources],
    detail: entry.detail,
  };
}
