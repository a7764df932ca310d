/** Time zones: IANA IDs (offsets from `Intl`) or fixed offsets such as `+08:00` / `-07:00:30`; local fields of an instant. */
import { TimeError } from './time-error.js';

export interface Zone {
  /** The Java zone ID (`UTC`, `Australia/Perth`, `+08:00`, `-07:00:30`, `Z`). */
  readonly id: string;
  /** Fixed offset in seconds for offset zones; undefined for region zones. */
  readonly fixed?: number;
}

/** Zero-padded to `width` digits, sign first. */
export function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

export const UTC: Zone = { id: 'UTC', fixed: 0 };

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function regionFormatter(id: string): Intl.DateTimeFormat {
  let f = dtfCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dtfCache.set(id, f);
  }
  return f;
}

/** Milliseconds for a UTC calendar date-time (any year, unlike `Date.UTC` which maps 0–99 to 19xx). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function formatOffsetId(total: number): string {
  if (total === 0) return 'Z';
  const sign = total < 0 ? '-' : '+';
  const a = Math.abs(total);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  return `${sign}${pad(h, 2)}:${pad(m, 2)}${s ? ':' + pad(s, 2) : ''}`;
}

/** `ZoneOffset.of` forms: `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss` (max ±18:00). */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  if ((m[2] as string).length === 1 && m[3] !== undefined) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  const s = Number(m[4] ?? 0);
  if (h > 18 || mi > 59 || s > 59 || (h === 18 && (mi > 0 || s > 0))) return undefined;
  const total = h * 3600 + mi * 60 + s;
  return m[1] === '-' ? -total : total;
}

/** `ZoneId.of(id)`: `Z`, offsets, `UTC`/`GMT`/`UT` (optionally with an offset), or an IANA region. */
export function parseZone(id: unknown): Zone {
  if (typeof id !== 'string' || id === '') throw new TimeError(`Invalid ID for zone: ${String(id)}`);
  if (id === 'Z') return { id: 'Z', fixed: 0 };
  if (/^[+-]/.test(id)) {
    const off = parseOffset(id);
    if (off === undefined) throw new TimeError(`Invalid ID for ZoneOffset, invalid format: ${id}`);
    return { id: formatOffsetId(off), fixed: off };
  }
  const prefixed = /^(UTC|GMT|UT)([+-].*)?$/.exec(id);
  if (prefixed) {
    if (prefixed[2] === undefined) return { id, fixed: 0 };
    const off = parseOffset(prefixed[2]);
    if (off === undefined) throw new TimeError(`Invalid ID for offset-based ZoneId: ${id}`);
    return { id: `${prefixed[1]}${off === 0 ? '' : formatOffsetId(off)}`, fixed: off };
  }
  try {
    regionFormatter(id);
  } catch {
    throw new TimeError(`Unknown time-zone ID: ${id}`);
  }
  return { id };
}

/** Offset of `zone` from UTC, in seconds, at the instant `epochMs`. */
export function offsetSecondsAt(zone: Zone, epochMs: number): number {
  if (zone.fixed !== undefined) return zone.fixed;
  const parts = regionFormatter(zone.id).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = utcMs(year, get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 1000);
}

/**
 * The instant of a local date-time in `zone`. Like `ZonedDateTime.of`: in an overlap the earlier
 * offset wins; in a gap the time moves later by the length of the gap.
 */
export function localToEpochMs(localMs: number, zone: Zone): number {
  if (zone.fixed !== undefined) return localMs - zone.fixed * 1000;
  const before = offsetSecondsAt(zone, localMs - 43_200_000);
  const after = offsetSecondsAt(zone, localMs + 43_200_000);
  for (const off of before === after ? [before] : [before, after]) {
    if (offsetSecondsAt(zone, localMs - off * 1000) === off) return localMs - off * 1000;
  }
  return localMs - before * 1000;
}

export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  dow: number;
  doy: number;
  offset: number;
  zone: Zone;
}

export function fieldsAt(epochMs: number, zone: Zone): Fields {
  const offset = offsetSecondsAt(zone, epochMs);
  const d = new Date(epochMs + offset * 1000);
  const year = d.getUTCFullYear();
  const jsDow = d.getUTCDay();
  const startOfYear = utcMs(year, 1, 1);
  const doy = Math.floor((utcMs(year, d.getUTCMonth() + 1, d.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    dow: jsDow === 0 ? 7 : jsDow,
    doy,
    offset,
    zone,
  };
}
