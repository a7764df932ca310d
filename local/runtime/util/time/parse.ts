/** Parsing text with a Java pattern into an instant (strict, as `DateTimeFormatter` is). */
import { DAYS, MONTHS, ZERO_X, text } from './format.js';
import { compilePattern, type Token } from './pattern.js';
import { TimeError } from './time-error.js';
import { UTC, localToEpochMs, parseZone, utcMs, type Zone } from './zones.js';

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  doy?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  nanos?: number;
  offset?: number;
  zone?: Zone;
}

class ParseFailure {
  constructor(readonly index: number) {}
}

const NUMERIC = new Set(['u', 'y', 'M', 'L', 'd', 'D', 'h', 'K', 'k', 'H', 'm', 's', 'S', 'n', 'A', 'Q', 'q', 'e', 'c']);

function isNumericToken(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'field' &&
    NUMERIC.has(t.letter) &&
    (t.count <= 2 || t.letter === 'y' || t.letter === 'u' || t.letter === 'S' || t.letter === 'D')
  );
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
  for (const z of zeroTexts) if (s.startsWith(z, pos) && !/^[0-9:]/.test(s.slice(pos + z.length))) return [0, pos + z.length];
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
    case 'd':
      [v, end] = width();
      out.day = v;
      return end;
    case 'D':
      [v, end] = count >= 2 ? num(count, 3) : num(1, 3);
      out.doy = v;
      return end;
    case 'E':
    case 'e':
    case 'c':
      if (letter !== 'E' && count <= 2) return num(1, count)[1];
      return readText(
        s,
        pos,
        DAYS.map((d) => text(d, count)),
      )[1];
    case 'a':
      [v, end] = readText(s, pos, ['AM', 'PM']);
      out.pm = v === 1;
      return end;
    case 'H':
      [v, end] = width();
      out.hour = v;
      return end;
    case 'k':
      [v, end] = width();
      out.hour = v % 24;
      return end;
    case 'h':
      [v, end] = width();
      out.hour12 = v % 12;
      return end;
    case 'K':
      [v, end] = width();
      out.hour12 = v;
      return end;
    case 'm':
      [v, end] = width();
      out.minute = v;
      return end;
    case 's':
      [v, end] = width();
      out.second = v;
      return end;
    case 'S': {
      [, end] = num(count, count);
      out.nanos = Number(s.slice(pos, end).padEnd(9, '0'));
      return end;
    }
    case 'n':
      [v, end] = num(count, 9);
      out.nanos = v;
      return end;
    case 'X':
      [v, end] = readOffset(s, pos, ['Z']);
      out.offset = v;
      return end;
    case 'x':
      [v, end] = readOffset(s, pos, [ZERO_X[count - 1] as string]);
      out.offset = v;
      return end;
    case 'Z':
      if (count === 4) {
        if (!s.startsWith('GMT', pos)) throw new ParseFailure(pos);
        if (!/^[+-]/.test(s.slice(pos + 3))) {
          out.offset = 0;
          return pos + 3;
        }
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
      if (!m) {
        out.offset = 0;
        return pos + 3;
      }
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
