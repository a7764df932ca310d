/** Formatting an instant with compiled pattern tokens, Java style. */
import { compilePattern, type Token } from './pattern.js';
import { TimeError } from './time-error.js';
import { UTC, fieldsAt, pad, type Fields, type Zone } from './zones.js';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function text(full: string, count: number): string {
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
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: f.zone.id, timeZoneName: full ? 'long' : 'short' }).formatToParts(
    new Date(epochMs),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? f.zone.id;
}

/** Offset pattern per count of `X`/`x` (Java `DateTimeFormatterBuilder.parseField`). */
const OFFSET_PATTERNS_X = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'];
export const ZERO_X = ['+00', '+0000', '+00:00', '+0000', '+00:00'];

function formatField(letter: string, count: number, f: Fields, epochMs: number): string {
  switch (letter) {
    case 'G':
      return count === 4
        ? f.year > 0
          ? 'Anno Domini'
          : 'Before Christ'
        : count === 5
          ? f.year > 0
            ? 'A'
            : 'B'
          : f.year > 0
            ? 'AD'
            : 'BC';
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
    case 'L':
      return count <= 2 ? pad(f.month, count) : text(MONTHS[f.month - 1] as string, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.doy, count);
    case 'E':
      return text(DAYS[f.dow - 1] as string, count);
    case 'e':
    case 'c':
      return count <= 2 ? pad((f.dow % 7) + 1, count) : text(DAYS[f.dow - 1] as string, count); // en_US: Sunday = 1
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'H':
      return pad(f.hour, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.ms, 3).padEnd(9, '0').slice(0, count);
    case 'n':
      return pad(f.ms * 1_000_000, count);
    case 'N':
      return pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1e9 + f.ms * 1e6, count);
    case 'A':
      return pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.ms, count);
    case 'V':
      return f.zone.id;
    case 'v':
    case 'z':
      return zoneText(f, epochMs, count === 4);
    case 'O':
      return localizedOffset(f.offset, count === 4);
    case 'X':
      return formatOffset(f.offset, OFFSET_PATTERNS_X[count - 1] as string, 'Z');
    case 'x':
      return formatOffset(f.offset, OFFSET_PATTERNS_X[count - 1] as string, ZERO_X[count - 1] as string);
    case 'Z':
      if (count <= 3) return formatOffset(f.offset, '+HHMM', '+0000');
      if (count === 4) return localizedOffset(f.offset, true);
      return formatOffset(f.offset, '+HH:MM:ss', 'Z');
    default:
      throw new TimeError(`Unknown pattern letter: ${letter}`);
  }
}

function formatTokens(tokens: Token[], f: Fields, epochMs: number): string {
  // Optional sections print whenever their fields are available, which they always are for a zoned instant.
  return tokens
    .map((t) =>
      t.kind === 'lit' ? t.text : t.kind === 'opt' ? formatTokens(t.tokens, f, epochMs) : formatField(t.letter, t.count, f, epochMs),
    )
    .join('');
}

export function formatEpochMs(epochMs: number, pattern: string, zone: Zone = UTC): string {
  return formatTokens(compilePattern(pattern), fieldsAt(epochMs, zone), epochMs);
}
