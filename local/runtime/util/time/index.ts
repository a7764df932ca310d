/**
 * `util.time` (AWS AppSync Developer Guide, "Time helpers in util.time"): a port of the parts of Java's `DateTimeFormatter` that resolvers use,
 * with time zones as IANA IDs (offsets from `Intl`) or fixed offsets such as `+08:00` / `-07:00:30`.
 * `Date` alone cannot do this (no arbitrary zones, no Java pattern letters, no optional sections).
 *
 * Pattern letters: G u y Q q M L d D E e c a h K k H m s S n N A V z O X x Z, quoted text `'…'`
 * (`''` is a quote) and optional sections `[…]`. Week-based letters (Y w W F) are not supported and
 * raise an error, as do unknown letters (Java: "Unknown pattern letter").
 */
import { formatEpochMs } from './format.js';
import { parseISO8601, toISO8601 } from './iso8601.js';
import { parseToEpochMs } from './parse.js';
import { TimeError } from './time-error.js';
import { parseZone, UTC, type Zone } from './zones.js';

export { TimeError } from './time-error.js';
export { localToEpochMs, offsetSecondsAt, parseZone, UTC, type Zone } from './zones.js';
export { compilePattern } from './pattern.js';
export { formatEpochMs } from './format.js';
export { parseToEpochMs } from './parse.js';
export { parseISO8601, toISO8601 } from './iso8601.js';

function zoneArg(tz: unknown): Zone {
  return tz === undefined || tz === null ? UTC : parseZone(tz);
}

function requireNumber(ms: unknown, name: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TimeError(`${name}: expected a number of milliseconds, got ${String(ms)}`);
  return Math.trunc(ms);
}

export function createTimeUtils(now: () => number = Date.now): Record<string, (...args: never[]) => unknown> {
  return {
    nowISO8601: () => toISO8601(now()),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format: unknown, tz?: unknown) => formatEpochMs(now(), String(format), zoneArg(tz)),
    parseFormattedToEpochMilliSeconds: (ts: unknown, format: unknown, tz?: unknown) =>
      parseToEpochMs(String(ts), String(format), zoneArg(tz)),
    parseISO8601ToEpochMilliSeconds: (ts: unknown) => parseISO8601(String(ts)),
    // Java long division truncates toward zero.
    epochMilliSecondsToSeconds: (ms: unknown) => Math.trunc(requireNumber(ms, 'epochMilliSecondsToSeconds') / 1000),
    epochMilliSecondsToISO8601: (ms: unknown) => toISO8601(requireNumber(ms, 'epochMilliSecondsToISO8601')),
    epochMilliSecondsToFormatted: (ms: unknown, format: unknown, tz?: unknown) =>
      formatEpochMs(requireNumber(ms, 'epochMilliSecondsToFormatted'), String(format), zoneArg(tz)),
  };
}
