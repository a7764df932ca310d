/**
 * `util.xml.toMap` / `toJsonString` (AWS AppSync Developer Guide, "Built-in utilities"). A small XML parser with the conversions of
 * `org.json.XML.toJSONObject`, the likely Java basis [INFERRED]: numeric text → numbers (DOC
 * example `<id>1</id>` → `1`), `true`/`false` → booleans, attributes → keys, repeated elements →
 * arrays, text beside attributes or children → `content`, an empty element → `""`.
 */
import type { PlainObject } from './values.js';

class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** org.json `stringToValue`: numbers and booleans are typed, everything else stays a string. */
function typed(s: string): unknown {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n) && (Number.isSafeInteger(n) || s.includes('.') || /e/i.test(s))) return n;
  }
  return s;
}

function accumulate(obj: PlainObject, key: string, value: unknown): void {
  if (!Object.hasOwn(obj, key)) obj[key] = value;
  else if (Array.isArray(obj[key])) (obj[key] as unknown[]).push(value);
  else obj[key] = [obj[key], value];
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private skipMisc(): void {
    for (;;) {
      const rest = this.s.slice(this.i);
      const ws = /^\s+/.exec(rest);
      if (ws) {
        this.i += ws[0].length;
        continue;
      }
      if (rest.startsWith('<?')) {
        this.i = this.until('?>');
        continue;
      }
      if (rest.startsWith('<!--')) {
        this.i = this.until('-->');
        continue;
      }
      if (rest.startsWith('<!')) {
        this.i = this.until('>');
        continue;
      }
      return;
    }
  }

  private until(end: string): number {
    const j = this.s.indexOf(end, this.i);
    if (j < 0) throw new XmlError(`Unterminated construct, expected ${end}`);
    return j + end.length;
  }

  document(): PlainObject {
    const out: PlainObject = {};
    this.skipMisc();
    while (this.i < this.s.length) {
      if (this.s[this.i] !== '<') throw new XmlError('Text outside the root element');
      const [name, value] = this.element();
      accumulate(out, name, value);
      this.skipMisc();
    }
    return out;
  }

  private element(): [string, unknown] {
    const open = /^<([A-Za-z_:][\w:.-]*)/.exec(this.s.slice(this.i));
    if (!open) throw new XmlError(`Malformed tag at ${this.i}`);
    const name = open[1] as string;
    this.i += open[0].length;
    const obj: PlainObject = {};
    const attr = /^\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/;
    for (let m = attr.exec(this.s.slice(this.i)); m; m = attr.exec(this.s.slice(this.i))) {
      accumulate(obj, m[1] as string, typed(decodeEntities(m[3] ?? m[4] ?? '')));
      this.i += m[0].length;
    }
    const end = /^\s*(\/?)>/.exec(this.s.slice(this.i));
    if (!end) throw new XmlError(`Malformed tag <${name}>`);
    this.i += end[0].length;
    if (end[1] === '/') return [name, Object.keys(obj).length ? obj : ''];
    let text = '';
    for (;;) {
      if (this.i >= this.s.length) throw new XmlError(`Unclosed element <${name}>`);
      const rest = this.s.slice(this.i);
      if (rest.startsWith('</')) {
        const close = /^<\/([^\s>]+)\s*>/.exec(rest);
        if (!close || close[1] !== name) throw new XmlError(`Mismatched closing tag for <${name}>`);
        this.i += close[0].length;
        break;
      }
      if (rest.startsWith('<![CDATA[')) {
        const j = this.s.indexOf(']]>', this.i);
        if (j < 0) throw new XmlError('Unterminated CDATA');
        text += this.s.slice(this.i + 9, j);
        this.i = j + 3;
      } else if (rest.startsWith('<!--') || rest.startsWith('<?')) {
        this.i = this.until(rest.startsWith('<!--') ? '-->' : '?>');
      } else if (rest.startsWith('<')) {
        const [child, value] = this.element();
        accumulate(obj, child, value);
      } else {
        const j = this.s.indexOf('<', this.i);
        const chunk = this.s.slice(this.i, j < 0 ? this.s.length : j);
        text += decodeEntities(chunk);
        this.i += chunk.length;
      }
    }
    const trimmed = text.trim();
    if (Object.keys(obj).length === 0) return [name, trimmed === '' ? '' : typed(trimmed)];
    if (trimmed !== '') accumulate(obj, 'content', typed(trimmed));
    return [name, obj];
  }
}

/** The XML as nested objects, or null when it does not parse. */
export function xmlToMap(xml: unknown): PlainObject | null {
  if (typeof xml !== 'string') return null;
  try {
    return new Parser(xml).document();
  } catch (e) {
    if (e instanceof XmlError) return null;
    throw e;
  }
}

/** JSON text of `xmlToMap`; with `stringEncode` the JSON text is itself JSON-string-encoded. */
export function xmlToJsonString(xml: unknown, stringEncode?: unknown): string {
  const json = JSON.stringify(xmlToMap(xml));
  return stringEncode === true ? JSON.stringify(json) : json;
}
