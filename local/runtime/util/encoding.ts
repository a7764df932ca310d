/**
 * `util.urlEncode/urlDecode/base64Encode/base64Decode/escapeJavaScript` (AWS AppSync Developer Guide, "Built-in utilities").
 * AppSync is a Java service, so these follow the Java library semantics rather than the JS built-ins.
 */

/** Lone UTF-16 surrogates cannot be UTF-8 encoded; Java's encoders substitute '?' for them. */
function replaceLoneSurrogates(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

const hexByte = (b: number): string => '%' + b.toString(16).toUpperCase().padStart(2, '0');

/**
 * `java.net.URLEncoder.encode(s, UTF-8)`: keeps `a-zA-Z0-9 . - * _`, turns space into `+` and
 * percent-encodes every other UTF-8 byte (uppercase hex). `encodeURIComponent` differs on `!'()~`
 * (kept there) and on spaces, hence the byte-level loop.
 */
export function urlEncode(value: unknown): string {
  const bytes = Buffer.from(replaceLoneSurrogates(String(value)), 'utf8');
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += hexByte(b);
  }
  return out;
}

/**
 * `java.net.URLDecoder.decode(s, UTF-8)`: `+` is a space, `%XX` sequences are UTF-8 bytes (malformed
 * sequences become U+FFFD). Java throws on an incomplete `%` escape; here that returns null [INFERRED:
 * what AppSync reports for it is not documented].
 */
export function urlDecode(value: unknown): string | null {
  const s = String(value);
  const bytes: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i] as string;
    if (c === '+') {
      bytes.push(0x20);
      i += 1;
    } else if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

/** Base64 of the UTF-8 bytes of the string [DOC: all string utilities work in UTF-8]. */
export function base64Encode(value: unknown): string {
  return Buffer.from(replaceLoneSurrogates(String(value)), 'utf8').toString('base64');
}

/** Decodes base64 (standard or URL-safe alphabet) and reads the bytes as UTF-8. */
export function base64Decode(value: unknown): string {
  return Buffer.from(String(value), 'base64').toString('utf8');
}

/**
 * Apache commons `StringEscapeUtils.escapeEcmaScript` (AWS AppSync Developer Guide, "Built-in utilities", INFERRED basis):
 * `' " \ /` get a backslash, `\b \n \t \f \r` their short escapes, and every other UTF-16 unit
 * outside [0x20, 0x7F] becomes `\uXXXX` (uppercase hex).
 */
export function escapeJavaScript(value: unknown): string {
  const s = String(value);
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i] as string;
    const code = s.charCodeAt(i);
    switch (c) {
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '/':
        out += '\\/';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\r':
        out += '\\r';
        break;
      default:
        out += code < 0x20 || code > 0x7f ? '\\u' + code.toString(16).toUpperCase().padStart(4, '0') : c;
    }
  }
  return out;
}
