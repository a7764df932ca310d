/**
 * A small JSON parser that keeps where every token ends, so pattern validation can report an
 * error at the place AWS does: EventBridge's messages end in a Jackson-style location
 * (`at [Source: (String)"…"; line: 1, column: 40]`, the position just after the offending token).
 * `JSON.parse` loses positions and number text, hence this.
 */

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly end: number }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly end: number }
  | { readonly kind: 'true' | 'false' | 'null'; readonly end: number };

export interface JsonEntry {
  readonly key: string;
  /** Offset just after the key's closing quote. */
  readonly keyEnd: number;
  readonly value: JsonNode;
}

/** A syntax or validation error with the offset (exclusive end of the current token) it refers to. */
export class JsonLocatedError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
    this.name = 'JsonLocatedError';
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function describeChar(ch: string): string {
  return `('${ch}' (code ${ch.charCodeAt(0)}))`;
}

/** Parses `text` as one JSON value; throws `JsonLocatedError` with Jackson-like reasons. */
export function parseJsonTree(text: string): JsonNode {
  let pos = 0;

  const skipWs = (): void => {
    while (pos < text.length && WHITESPACE.has(text[pos] as string)) pos += 1;
  };
  const fail = (reason: string, at = pos): never => {
    throw new JsonLocatedError(reason, at);
  };
  const endOfInput = (context: string): never => fail(`Unexpected end-of-input${context}`);

  const parseString = (): string => {
    pos += 1; // opening quote
    let out = '';
    for (;;) {
      if (pos >= text.length) endOfInput(': was expecting closing quote for a string value');
      const ch = text[pos] as string;
      pos += 1;
      if (ch === '"') return out;
      if (ch === '\\') {
        const esc = text[pos];
        pos += 1;
        if (esc === undefined) endOfInput(' in character escape sequence');
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc === 'u') {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            fail('Unexpected character in unicode escape sequence: expected a hex-digit for character escape sequence');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
        } else if (esc !== undefined && simple[esc] !== undefined) {
          out += simple[esc];
        } else {
          fail(`Unrecognized character escape ${describeChar(esc as string)}`);
        }
      } else if (ch.charCodeAt(0) < 0x20) {
        fail(
          `Illegal unquoted character (CTRL-CHAR, code ${ch.charCodeAt(0)}): has to be escaped using backslash to be included in string value`,
        );
      } else {
        out += ch;
      }
    }
  };

  const parseNumber = (): JsonNode => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match || match[0] === '-')
      fail(
        `Unexpected character ${describeChar(text[pos] as string)}: expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
        pos + 1,
      );
    const numText = (match as RegExpExecArray)[0];
    pos += numText.length;
    return { kind: 'number', value: Number(numText), text: numText, end: pos };
  };

  const parseValue = (): JsonNode => {
    skipWs();
    if (pos >= text.length) endOfInput(': expected a value');
    const ch = text[pos] as string;
    if (ch === '{') return parseObject();
    if (ch === '[') return parseArray();
    if (ch === '"') {
      const value = parseString();
      return { kind: 'string', value, end: pos };
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber();
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { kind: word, end: pos };
      }
    }
    return fail(
      `Unexpected character ${describeChar(ch)}: expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
      pos + 1,
    );
  };

  const parseObject = (): JsonNode => {
    pos += 1;
    const entries: JsonEntry[] = [];
    skipWs();
    if (text[pos] === '}') {
      pos += 1;
      return { kind: 'object', entries, end: pos };
    }
    for (;;) {
      skipWs();
      if (pos >= text.length) endOfInput(': expected close marker for Object');
      if (text[pos] !== '"')
        fail(`Unexpected character ${describeChar(text[pos] as string)}: was expecting double-quote to start field name`, pos + 1);
      const key = parseString();
      const keyEnd = pos;
      skipWs();
      if (text[pos] !== ':') {
        if (pos >= text.length) endOfInput(': expected a colon');
        fail(`Unexpected character ${describeChar(text[pos] as string)}: was expecting a colon to separate field name and value`, pos + 1);
      }
      pos += 1;
      entries.push({ key, keyEnd, value: parseValue() });
      skipWs();
      const next = text[pos];
      pos += 1;
      if (next === '}') return { kind: 'object', entries, end: pos };
      if (next === undefined) endOfInput(': expected close marker for Object');
      if (next !== ',') fail(`Unexpected character ${describeChar(next as string)}: was expecting comma to separate Object entries`);
    }
  };

  const parseArray = (): JsonNode => {
    pos += 1;
    const items: JsonNode[] = [];
    skipWs();
    if (text[pos] === ']') {
      pos += 1;
      return { kind: 'array', items, end: pos };
    }
    for (;;) {
      items.push(parseValue());
      skipWs();
      const next = text[pos];
      pos += 1;
      if (next === ']') return { kind: 'array', items, end: pos };
      if (next === undefined) endOfInput(': expected close marker for Array');
      if (next !== ',') fail(`Unexpected character ${describeChar(next as string)}: was expecting comma to separate Array entries`);
    }
  };

  const root = parseValue();
  skipWs();
  if (pos < text.length) fail(`Unexpected character ${describeChar(text[pos] as string)}: expected end of input`, pos + 1);
  return root;
}

/** Jackson's location suffix for `offset` in `source` (1-based line and column). */
export function jacksonLocation(source: string, offset: number): string {
  const before = source.slice(0, Math.min(offset, source.length));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const limit = 500; // Jackson quotes at most this many characters of the source
  const quoted = source.length > limit ? `"${source.slice(0, limit)}"[truncated ${source.length - limit} chars]` : `"${source}"`;
  return `at [Source: (String)${quoted}; line: ${line}, column: ${column}]`;
}
