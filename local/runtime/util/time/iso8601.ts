/** ISO 8601 in and out, as `util.time` reads and writes it. */
import { formatEpochMs } from './format.js';
import { TimeError } from './time-error.js';
import { UTC, parseOffset, utcMs } from './zones.js';

/** `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, always with milliseconds (doc examples show `.749Z`). */
export function toISO8601(epochMs: number): string {
  return formatEpochMs(epochMs, "uuuu-MM-dd'T'HH:mm:ss.SSSX", UTC);
}

/**
 * ISO 8601 date-time with an optional fraction and offset (`Z`, `±HH`, `±HHMM`, `±HH:MM[:SS]`);
 * no offset means UTC; a date alone means midnight UTC [INFERRED for both].
 */
export function parseISO8601(text: string): number {
  const m =
    /^([+-]?\d{4,9})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[[^\]]+\])?$/.exec(
      text,
    );
  if (!m) throw new TimeError(`Text '${text}' could not be parsed as an ISO 8601 date-time`);
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const month = Number(mo);
  const day = Number(d);
  const check = new Date(utcMs(Number(y), month, day));
  if (
    check.getUTCMonth() + 1 !== month ||
    check.getUTCDate() !== day ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(s ?? 0) > 59
  ) {
    throw new TimeError(`Text '${text}' could not be parsed: Invalid date or time`);
  }
  const local = utcMs(
    Number(y),
    month,
    day,
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((frac ?? '').padEnd(3, '0').slice(0, 3)),
  );
  if (off === undefined || off === 'Z' || off === 'z') return local;
  const offset = parseOffset(
    off.length === 3
      ? off
      : off.replace(/^([+-]\d{2})(\d{2})(\d{2})?$/, (_x, a: string, b: string, c?: string) => `${a}:${b}${c ? ':' + c : ''}`),
  );
  if (offset === undefined) throw new TimeError(`Text '${text}' could not be parsed: invalid offset`);
  return local - offset * 1000;
}
