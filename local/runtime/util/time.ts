/**
 * `util.time` (reference §3.5): a port of the parts of Java's `DateTimeFormatter` that resolvers use,
 * with time zones as IANA IDs (offsets from `Intl`) or fixed offsets such as `+08:00` / `-07:00:30`.
 * `Date` alone cannot do this (no arbitrary zones, no Java pattern letters, no optional sections).
 *
 * Pattern letters: G u y Q q M L d D E e c a h K k H m s S n N A V z O X x Z, quoted text `'…'`
 * (`''` is a quote) and optional sections `[…]`. Week-based letters (Y w W F) are not supported and
 * raise an error, as do unknown letters (Java: "Unknown pattern letter").
 */

export class TimeError extends Error {}

// ---------------------------------------------------------------- zones

export interface Zone {
  /** The Java zone ID (`UTC`, `Australia/Perth`, `+08:00`, `-07:00:30`, `Z`). */
  readonly id: string;
  /** Fixed offset in seconds for offset zones; undefined for region zones. */
  readonly fixed?: number;
}

export const UTC: Zone = { id: 'UTC', fixed: 0 };

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function regionFormatter(id: string): Intl.DateTimeFormat {
  let f = dtfCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    dtfCache.set(id, f);
  }
  return f;
}

/** Milliseconds for a UTC calendar date-time (any year, unlike `Date.UTC` which maps 0–99 to 19xx). */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
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
function parseOffset(text: string): number | undefined {
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

// ---------------------------------------------------------------- fields

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  dow: number;
  doy: number;
  offset: number;
  zone: Zone;
}

function fieldsAt(epochMs: number, zone: Zone): Fields {
  const offset = offsetSecondsAt(zone, epochMs);
  const d = new Date(epochMs + offset * 1000);
  const year = d.getUTCFullYear();
  const jsDow = d.getUTCDay();
  const startOfYear = utcMs(year, 1, 1);
  const doy = Math.floor((utcMs(year, d.getUTCMonth() + 1, d.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  return {
    year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), dow: jsDow === 0 ? 7 : jsDow, doy, offset, zone,
  };
}

// ---------------------------------------------------------------- pattern tokens

type Token =
  | { kind: 'lit'; text: string }
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'opt'; tokens: Token[] };

const LETTERS = 'GuyQqMLdDEecahKkHmsSnNAVvzOXxZ';
const patternCache = new Map<string, Token[]>();

/** Parses a `DateTimeFormatter.ofPattern` string into tokens. */
export function compilePattern(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const stack: Token[][] = [[]];
  const top = (): Token[] => stack[stack.length - 1] as Token[];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j += 1;
      const count = j - i;
      if (!LETTERS.includes(c)) throw new TimeError(`Unknown pattern letter: ${c}`);
      validateCount(c, count);
      top().push({ kind: 'field', letter: c, count });
      i = j;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new TimeError(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j += 1;
      }
      top().push({ kind: 'lit', text: j === i + 1 ? "'" : text });
      i = j + 1;
    } else if (c === '[') {
      const inner: Token[] = [];
      top().push({ kind: 'opt', tokens: inner });
      stack.push(inner);
      i += 1;
    } else if (c === ']') {
      if (stack.length === 1) throw new TimeError("Pattern invalid as it contains ] without previous [");
      stack.pop();
      i += 1;
    } else if (c === '{' || c === '}' || c === '#') {
      throw new TimeError(`Pattern includes reserved character: '${c}'`);
    } else {
      top().push({ kind: 'lit', text: c });
      i += 1;
    }
  }
  const tokens = stack[0] as Token[];
  if (patternCache.size > 200) patternCache.clear();
  patternCache.set(pattern, tokens);
  return tokens;
}

function validateCount(c: string, count: number): void {
  const max: Record<string, number> = {
    G: 5, Q: 5, q: 5, M: 5, L: 5, d: 2, D: 3, E: 5, e: 5, c: 5, a: 1, h: 2, K: 2, k: 2, H: 2, m: 2, s: 2,
    S: 9, V: 2, v: 4, z: 4, O: 4, X: 5, x: 5, Z: 5,
  };
  const limit = max[c];
  if (limit !== undefined && count > limit) throw new TimeError(`Too many pattern letters: ${c}`);
  if (c === 'V' && count !== 2) throw new TimeError('Pattern letter count must be 2: V');
  if ((c === 'O' && count !== 1 && count !== 4) || (c === 'c' && count === 2)) throw new TimeError(`Pattern letter count invalid: ${c}`);
}

// ---------------------------------------------------------------- formatting

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

function text(full: string, count: number): string {
  if (count === 4) return full;
  if (count === 5) return full.slice(0, 1);
  return full.slice(0, 3);
}

const OFFSET_PATTERNS = ['+HH', '+HHmm', '+HH:mm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss', '+HHMMSS', '+HH:MM:SS'];

/**
 * Java `OffsetIdPrinterParser.format`: the pattern's index decides which parts print. Minutes print
 * from `+HHMM` up (or when non-zero for `+HHmm`), seconds from `+HHMMSS` up (or when non-zero for
 * `+HHMMss`); what the pattern cannot show is truncated (`-07:00:30` with `XXX` → `-07:00`), and a
 * printed value of zero falls back to the no-offset text.
 */
function formatOffset(total: number, pattern: string, zeroText: string): string {
  if (total === 0) return zeroText;
  const type = OFFSET_PATTERNS.indexOf(pattern);
  const a = Math.abs(total);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const colon = type % 2 === 0 ? ':' : '';
  let out = (total < 0 ? '-' : '+') + pad(h, 2);
  let printed = h;
  if (type >= 3 || (type >= 1 && m > 0)) {
    out += colon + pad(m, 2);
    printed += m;
    if (type >= 7 || (type >= 5 && s > 0)) {
      out += colon + pad(s, 2);
      printed += s;
    }
  }
  return printed === 0 ? zeroText : out;
}

/** `GMT+8` (short) / `GMT+08:00` (full); `GMT` when zero. */
function localizedOffset(total: number, full: boolean): string {
  if (total === 0) return 'GMT';
  const a = Math.abs(total);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const sign = total < 0 ? '-' : '+';
  if (full) return `GMT${sign}${pad(h, 2)}:${pad(m, 2)}${s ? ':' + pad(s, 2) : ''}`;
  return `GMT${sign}${h}${m || s ? ':' + pad(m, 2) : ''}${s ? ':' + pad(s, 2) : ''}`;
}

/** Zone text for `z`: offset zones print their ID (Java), regions their CLDR name via Intl [INFERRED: Intl's names can differ from Java's, e.g. `GMT+8` vs `AWST`]. */
function zoneText(f: Fields, epochMs: number, full: boolean): string {
  if (f.zone.fixed !== undefined) return f.zone.id === 'UTC' && full ? 'Coordinated Universal Time' : f.zone.id;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: f.zone.id, timeZoneName: full ? 'long' : 'short' }).formatToParts(new Date(epochMs));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? f.zone.id;
}

/** Offset pattern per count of `X`/`x` (Java `DateTimeFormatterBuilder.parseField`). */
const OFFSET_PATTERNS_X = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'];
const ZERO_X = ['+00', '+0000', '+00:00', '+0000', '+00:00'];

function formatField(letter: string, count: number, f: Fields, epochMs: number): string {
  switch (letter) {
    case 'G': return count === 4 ? (f.year > 0 ? 'Anno Domini' : 'Before Christ') : count === 5 ? (f.year > 0 ? 'A' : 'B') : f.year > 0 ? 'AD' : 'BC';
    case 'u':
    case 'y': {
      const y = letter === 'y' && f.year <= 0 ? 1 - f.year : f.year;
      if (count === 2) return pad(((y % 100) + 100) % 100, 2);
      return pad(y, count);
    }
    case 'Q':
    case 'q': {
      const q = Math.floor((f.month - 1) / 3) + 1;
      if (count <= 2) return pad(q, count);
      return count === 3 ? `Q${q}` : count === 4 ? `${['1st', '2nd', '3rd', '4th'][q - 1]} quarter` : String(q);
    }
    case 'M':
    case 'L': return count <= 2 ? pad(f.month, count) : text(MONTHS[f.month - 1] as string, count);
    case 'd': return pad(f.day, count);
    case 'D': return pad(f.doy, count);
    case 'E': return text(DAYS[f.dow - 1] as string, count);
    case 'e':
    case 'c': return count <= 2 ? pad((f.dow % 7) + 1, count) : text(DAYS[f.dow - 1] as string, count); // en_US: Sunday = 1
    case 'a': return f.hour < 12 ? 'AM' : 'PM';
    case 'h': return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K': return pad(f.hour % 12, count);
    case 'k': return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'H': return pad(f.hour, count);
    case 'm': return pad(f.minute, count);
    case 's': return pad(f.second, count);
    case 'S': return pad(f.ms, 3).padEnd(9, '0').slice(0, count);
    case 'n': return pad(f.ms * 1_000_000, count);
    case 'N': return pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1e9 + f.ms * 1e6, count);
    case 'A': return pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.ms, count);
    case 'V': return f.zone.id;
    case 'v':
    case 'z': return zoneText(f, epochMs, count === 4);
    case 'O': return localizedOffset(f.offset, count === 4);
    case 'X': return formatOffset(f.offset, OFFSET_PATTERNS_X[count - 1] as string, 'Z');
    case 'x': return formatOffset(f.offset, OFFSET_PATTERNS_X[count - 1] as string, ZERO_X[count - 1] as string);
    case 'Z':
      if (count <= 3) return formatOffset(f.offset, '+HHMM', '+0000');
      if (count === 4) return localizedOffset(f.offset, true);
      return formatOffset(f.offset, '+HH:MM:ss', 'Z');
    default: throw new TimeError(`Unknown pattern letter: ${letter}`);
  }
}

function formatTokens(tokens: Token[], f: Fields, epochMs: number): string {
  // Optional sections print whenever their fields are available, which they always are for a zoned instant.
  return tokens.map((t) => (t.kind === 'lit' ? t.text : t.kind === 'opt' ? formatTokens(t.tokens, f, epochMs) : formatField(t.letter, t.count, f, epochMs))).join('');
}

export function formatEpochMs(epochMs: number, pattern: string, zone: Zone = UTC): string {
  return formatTokens(compilePattern(pattern), fieldsAt(epochMs, zone), epochMs);
}

// ---------------------------------------------------------------- parsing

interface Parsed {
  year?: number; month?: number; day?: number; doy?: number; hour?: number; hour12?: number; pm?: boolean;
  minute?: number; second?: number; nanos?: number; offset?: number; zone?: Zone;
}

class ParseFailure {
  constructor(readonly index: number) {}
}

const NUMERIC = new Set(['u', 'y', 'M', 'L', 'd', 'D', 'h', 'K', 'k', 'H', 'm', 's', 'S', 'n', 'A', 'Q', 'q', 'e', 'c']);

function isNumericToken(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'field' && NUMERIC.has(t.letter) && (t.count <= 2 || t.letter === 'y' || t.letter === 'u' || t.letter === 'S' || t.letter === 'D');
}

function parseTokens(tokens: Token[], s: string, start: number, out: Parsed): number {
  let pos = start;
  for (let ti = 0; ti < tokens.length; ti += 1) {
    const t = tokens[ti] as Token;
    if (t.kind === 'lit') {
      if (!s.startsWith(t.text, pos)) throw new ParseFailure(pos);
      pos += t.text.length;
      continue;
    }
    if (t.kind === 'opt') {
      const trial: Parsed = { ...out };
      try {
        pos = parseTokens(t.tokens, s, pos, trial);
        Object.assign(out, trial);
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
      }
      continue;
    }
    pos = parseField(t, tokens[ti + 1], s, pos, out);
  }
  return pos;
}

function readDigits(s: string, pos: number, min: number, max: number): [number, number] {
  let end = pos;
  while (end < s.length && end - pos < max && /[0-9]/.test(s[end] as string)) end += 1;
  if (end - pos < min) throw new ParseFailure(pos);
  return [Number(s.slice(pos, end)), end];
}

function readText(s: string, pos: number, options: string[]): [number, number] {
  // Longest match first, so "May" is not shadowed by a shorter prefix.
  const order = options.map((o, i) => [o, i] as const).sort((a, b) => b[0].length - a[0].length);
  for (const [o, i] of order) if (o !== '' && s.startsWith(o, pos)) return [i, pos + o.length];
  throw new ParseFailure(pos);
}

function readOffset(s: string, pos: number, zeroTexts: string[]): [number, number] {
  for (const z of zeroTexts) if (s.startsWith(z, pos) && !/^[0-9:]/.test(s.slice(pos + z.length)) ) return [0, pos + z.length];
  // Lenient: accepts +HH, +HHMM, +HH:MM, +HHMMSS, +HH:MM:SS whatever the pattern width.
  const m = /^([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?/.exec(s.slice(pos));
  if (!m) throw new ParseFailure(pos);
  const total = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return [m[1] === '-' ? -total : total, pos + m[0].length];
}

function parseField(t: { letter: string; count: number }, next: Token | undefined, s: string, pos: number, out: Parsed): number {
  const { letter, count } = t;
  const adjacent = isNumericToken(next);
  const num = (min: number, max: number): [number, number] => readDigits(s, pos, min, max);
  const width = (): [number, number] => (count >= 2 ? num(count, count) : num(1, adjacent ? 1 : 2));
  let v: number;
  let end: number;
  switch (letter) {
    case 'u':
    case 'y': {
      if (count === 2) {
        [v, end] = num(2, 2);
        out.year = 2000 + v; // reduced-value parsing, base 2000
        return end;
      }
      let sign = 1;
      let p = pos;
      if (s[p] === '-' || s[p] === '+') {
        sign = s[p] === '-' ? -1 : 1;
        p += 1;
      }
      [v, end] = readDigits(s, p, count, adjacent ? count : 19);
      out.year = sign * v;
      return end;
    }
    case 'M':
    case 'L':
      if (count >= 3) {
        const names = MONTHS.map((m) => text(m, count));
        [v, end] = readText(s, pos, names);
        out.month = v + 1;
        return end;
      }
      [v, end] = width();
      out.month = v;
      return end;
    case 'd': [v, end] = width(); out.day = v; return end;
    case 'D': [v, end] = count >= 2 ? num(count, 3) : num(1, 3); out.doy = v; return end;
    case 'E':
    case 'e':
    case 'c':
      if (letter !== 'E' && count <= 2) return num(1, count)[1];
      return readText(s, pos, DAYS.map((d) => text(d, count)))[1];
    case 'a': [v, end] = readText(s, pos, ['AM', 'PM']); out.pm = v === 1; return end;
    case 'H': [v, end] = width(); out.hour = v; return end;
    case 'k': [v, end] = width(); out.hour = v % 24; return end;
    case 'h': [v, end] = width(); out.hour12 = v % 12; return end;
    case 'K': [v, end] = width(); out.hour12 = v; return end;
    case 'm': [v, end] = width(); out.minute = v; return end;
    case 's': [v, end] = width(); out.second = v; return end;
    case 'S': {
      [, end] = num(count, count);
      out.nanos = Number(s.slice(pos, end).padEnd(9, '0'));
      return end;
    }
    case 'n': [v, end] = num(count, 9); out.nanos = v; return end;
    case 'X': [v, end] = readOffset(s, pos, ['Z']); out.offset = v; return end;
    case 'x': [v, end] = readOffset(s, pos, [ZERO_X[count - 1] as string]); out.offset = v; return end;
    case 'Z':
      if (count === 4) {
        if (!s.startsWith('GMT', pos)) throw new ParseFailure(pos);
        if (!/^[+-]/.test(s.slice(pos + 3))) { out.offset = 0; return pos + 3; }
        [v, end] = readOffset(s, pos + 3, []);
        out.offset = v;
        return end;
      }
      [v, end] = readOffset(s, pos, count === 5 ? ['Z'] : ['+0000']);
      out.offset = v;
      return end;
    case 'O': {
      if (!s.startsWith('GMT', pos)) throw new ParseFailure(pos);
      const m = /^([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?/.exec(s.slice(pos + 3));
      if (!m) { out.offset = 0; return pos + 3; }
      const total = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
      out.offset = m[1] === '-' ? -total : total;
      return pos + 3 + m[0].length;
    }
    case 'V':
    case 'z':
    case 'v': {
      const m = /^[A-Za-z][A-Za-z0-9_+\-/]*|^[+-][0-9:]+/.exec(s.slice(pos));
      if (!m) throw new ParseFailure(pos);
      try {
        out.zone = parseZone(m[0]);
      } catch {
        throw new ParseFailure(pos);
      }
      return pos + m[0].length;
    }
    default:
      throw new TimeError(`Pattern letter ${letter} cannot be used for parsing here`);
  }
}

/**
 * Parses `text` with `pattern`; the whole text must be consumed (Java `DateTimeParseException`
 * otherwise). A parsed offset or zone wins over `zone` (as with `DateTimeFormatter.withZone`).
 * Missing fields default to 1970-01-01T00:00 [INFERRED: Java would refuse a pattern without a full
 * date; AppSync's handling of that is undocumented].
 */
export function parseToEpochMs(text: string, pattern: string, zone: Zone = UTC): number {
  const tokens = compilePattern(pattern);
  const p: Parsed = {};
  let end: number;
  try {
    end = parseTokens(tokens, text, 0, p);
  } catch (e) {
    if (e instanceof ParseFailure) throw new TimeError(`Text '${text}' could not be parsed at index ${e.index}`);
    throw e;
  }
  if (end !== text.length) throw new TimeError(`Text '${text}' could not be parsed, unparsed text found at index ${end}`);
  const year = p.year ?? 1970;
  let month = p.month ?? 1;
  let day = p.day ?? 1;
  if (p.doy !== undefined && p.month === undefined) {
    const d = new Date(utcMs(year, 1, 1) + (p.doy - 1) * 86_400_000);
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  const hour = p.hour ?? (p.hour12 !== undefined ? p.hour12 + (p.pm ? 12 : 0) : p.pm ? 12 : 0);
  const check = new Date(utcMs(year, month, day));
  if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day || hour > 23 || (p.minute ?? 0) > 59 || (p.second ?? 0) > 59) {
    throw new TimeError(`Text '${text}' could not be parsed: Invalid date or time`);
  }
  const local = utcMs(year, month, day, hour, p.minute ?? 0, p.second ?? 0, Math.floor((p.nanos ?? 0) / 1_000_000));
  if (p.offset !== undefined) return local - p.offset * 1000;
  return localToEpochMs(local, p.zone ?? zone);
}

// ---------------------------------------------------------------- ISO 8601

/** `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, always with milliseconds (doc examples show `.749Z`). */
export function toISO8601(epochMs: number): string {
  return formatEpochMs(epochMs, "uuuu-MM-dd'T'HH:mm:ss.SSSX", UTC);
}

/**
 * ISO 8601 date-time with an optional fraction and offset (`Z`, `±HH`, `±HHMM`, `±HH:MM[:SS]`);
 * no offset means UTC; a date alone means midnight UTC [INFERRED for both].
 */
export function parseISO8601(text: string): number {
  const m = /^([+-]?\d{4,9})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[[^\]]+\])?$/.exec(text);
  if (!m) throw new TimeError(`Text '${text}' could not be parsed as an ISO 8601 date-time`);
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const month = Number(mo);
  const day = Number(d);
  const check = new Date(utcMs(Number(y), month, day));
  if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    throw new TimeError(`Text '${text}' could not be parsed: Invalid date or time`);
  }
  const local = utcMs(Number(y), month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((frac ?? '').padEnd(3, '0').slice(0, 3)));
  if (off === undefined || off === 'Z' || off === 'z') return local;
  const offset = parseOffset(off.length === 3 ? off : off.replace(/^([+-]\d{2})(\d{2})(\d{2})?$/, (_x, a: string, b: string, c?: string) => `${a}:${b}${c ? ':' + c : ''}`));
  if (offset === undefined) throw new TimeError(`Text '${text}' could not be parsed: invalid offset`);
  return local - offset * 1000;
}

// ---------------------------------------------------------------- util.time

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
    parseFormattedToEpochMilliSeconds: (ts: unknown, format: unknown, tz?: unknown) => parseToEpochMs(String(ts), String(format), zoneArg(tz)),
    parseISO8601ToEpochMilliSeconds: (ts: unknown) => parseISO8601(String(ts)),
    // Java long division truncates toward zero.
    epochMilliSecondsToSeconds: (ms: unknown) => Math.trunc(requireNumber(ms, 'epochMilliSecondsToSeconds') / 1000),
    epochMilliSecondsToISO8601: (ms: unknown) => toISO8601(requireNumber(ms, 'epochMilliSecondsToISO8601')),
    epochMilliSecondsToFormatted: (ms: unknown, format: unknown, tz?: unknown) =>
      formatEpochMs(requireNumber(ms, 'epochMilliSecondsToFormatted'), String(format), zoneArg(tz)),
  };
}
