/**
 * String checks written for APPSYNC_JS (no regex literals, no `charCodeAt`, no C-style `for`):
 * single UTF-16 code units compare by their value, so ranges are plain string comparisons.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * UTF-8 length in bytes of a JavaScript string: 1 byte below U+0080, 2 below U+0800, 4 for a
 * surrogate pair (a code point above U+FFFF), 3 for anything else (a lone surrogate counts as the
 * 3-byte replacement character an encoder writes for it).
 */
export function utf8ByteLength(text: string): number {
  const units = text.split('');
  let bytes = 0;
  let pairOpen = false;
  units.forEach((unit, i) => {
    if (pairOpen) {
      pairOpen = false;
      return;
    }
    if (unit < '\u0080') bytes = bytes + 1;
    else if (unit < '\u0800') bytes = bytes + 2;
    else if (
      unit >= '\ud800' &&
      unit <= '\udbff' &&
      i + 1 < units.length &&
      (units[i + 1] as string) >= '\udc00' &&
      (units[i + 1] as string) <= '\udfff'
    ) {
      bytes = bytes + 4;
      pairOpen = true;
    } else bytes = bytes + 3;
  });
  return bytes;
}

/**
 * Whether `value` is `minLength`–`maxLength` characters, the first a letter or digit and the rest
 * letters, digits or one of `extra` (the pattern `[A-Za-z0-9][A-Za-z0-9<extra>]{min-1,max-1}`).
 */
export function isToken(value: unknown, minLength: number, maxLength: number, extra: string): boolean {
  if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) return false;
  const allowed = ALNUM + extra;
  return value.split('').every((c, i) => (i === 0 ? ALNUM.indexOf(c) >= 0 : allowed.indexOf(c) >= 0));
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.floor(value) === value;
}
