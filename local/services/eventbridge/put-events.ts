/**
 * PutEvents request rules as EventBridge applies them (EventBridge API Reference "PutEvents";
 * user guide "Calculating Amazon EventBridge PutEvents event entry size"): 1–10 entries per
 * request, a total entry size limit, and per-entry errors reported in the result (the request
 * itself succeeds with `FailedEntryCount`).
 */
import { Buffer } from 'node:buffer';
import type { PutEventsEntry } from './event-shape.js';

/** The entry-size limit of the brief (AWS has since raised it to 1 MiB; configurable on the bus). */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
export const MAX_ENTRIES = 10;

export interface EntryError {
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

export interface ValidEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly resources: readonly string[];
  readonly time: Date;
  readonly eventBusName: string;
}

/** A request-level failure, answered as `{__type, message}` with HTTP 400. */
export class EventBridgeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

const utf8 = (s: unknown): number => (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0);

/** An entry's size by AWS's formula: 14 bytes for Time, then the UTF-8 bytes of the strings. */
export function entrySize(entry: PutEventsEntry): number {
  const resources = Array.isArray(entry.Resources) ? entry.Resources.reduce((n: number, r: unknown) => n + utf8(r), 0) : 0;
  return (
    (entry.Time !== undefined && entry.Time !== null ? 14 : 0) +
    utf8(entry.Source) +
    utf8(entry.DetailType) +
    utf8(entry.Detail) +
    resources
  );
}

/** Request-level checks: entry count and total size. Throws `EventBridgeApiError`. */
export function checkPutEventsRequest(body: unknown, maxBytes: number): PutEventsEntry[] {
  const entries = (body as { Entries?: unknown } | null)?.Entries;
  if (!Array.isArray(entries))
    throw new EventBridgeApiError(
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  if (entries.length < 1)
    throw new EventBridgeApiError(
      'ValidationException',
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  if (entries.length > MAX_ENTRIES)
    throw new EventBridgeApiError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  const total = (entries as PutEventsEntry[]).reduce((n, e) => n + entrySize(e), 0);
  if (total > maxBytes) throw new EventBridgeApiError('ValidationException', 'Total size of the entries in the request is over the limit.');
  return entries as PutEventsEntry[];
}

const required = (name: string): EntryError => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
});

/** The bus name of an `EventBusName` given as a name or an ARN (`…:event-bus/<name>`). */
export function busNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'default';
  const arn = /^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\/(.+)$/.exec(value);
  return arn ? (arn[1] as string) : value;
}

function parseTime(value: unknown): Date | EntryError {
  if (value === undefined || value === null) return new Date();
  // JSON 1.1 sends timestamps as epoch seconds (fractional allowed).
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' } : date;
}

/** Validates one entry; answers the per-entry error EventBridge would put in the result. */
export function validateEntry(entry: PutEventsEntry, knownBuses: ReadonlySet<string>): ValidEntry | EntryError {
  if (typeof entry !== 'object' || entry === null) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Entry is not valid.' };
  if (typeof entry.Source !== 'string' || entry.Source === '') return required('Source');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return required('DetailType');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return required('Detail');
  // Sources starting with "aws." belong to AWS services; accounts cannot publish them.
  if (entry.Source.startsWith('aws.'))
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string'))
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Resources is not valid.' };
  const time = parseTime(entry.Time);
  if (!(time instanceof Date)) return time;
  const eventBusName = busNameOf(entry.EventBusName);
  if (!knownBuses.has(eventBusName))
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${eventBusName} does not exist.` };
  return {
    source: entry.Source,
    detailType: entry.DetailType,
    detail: detail as Record<string, unknown>,
    resources: resources,
    time,
    eventBusName,
  };
}
