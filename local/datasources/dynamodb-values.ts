/**
 * AppSync typed values (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB") ⇄ SDK `AttributeValue`s, and the plain-JSON conversion of
 * results. Request side is lenient where AppSync is (`{N: 12}` as a JSON number, `{NULL: null}`,
 * non-base64 characters in `B`), strict where AppSync fails to parse (a typed value with more
 * than one key).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A request the data source cannot parse (AppSync reports these before any DynamoDB call). */
export class RequestShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestShapeError';
  }
}

const TYPED_KEYS = new Set(['S', 'N', 'SS', 'NS', 'B', 'BS', 'BOOL', 'L', 'M', 'NULL']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberText(v: unknown, path: string): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RequestShapeError(`Invalid number at ${path}: ${String(v)}`);
    return String(v);
  }
  if (typeof v === 'string') return v;
  throw new RequestShapeError(`Expected a number or numeric string at ${path}`);
}

function binary(v: unknown, path: string): Uint8Array {
  if (typeof v !== 'string') throw new RequestShapeError(`Expected a base64 string at ${path}`);
  // RFC 2045: characters outside the base64 alphabet are ignored.
  return Buffer.from(v.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

function stringList(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw new RequestShapeError(`Expected a list at ${path}`);
  return v.map((s, i) => {
    if (typeof s !== 'string') throw new RequestShapeError(`Expected a string at ${path}[${i}]`);
    return s;
  });
}

/** One AppSync typed value → SDK AttributeValue. */
export function toAttributeValue(value: unknown, path = '$'): AttributeValue {
  if (!isPlainObject(value)) throw new RequestShapeError(`Expected a typed value object at ${path}`);
  const keys = Object.keys(value);
  if (keys.length !== 1 || !TYPED_KEYS.has(keys[0]!)) {
    throw new RequestShapeError(`Expected exactly one of ${[...TYPED_KEYS].join(', ')} at ${path}, got {${keys.join(', ')}}`);
  }
  const type = keys[0]!;
  const v = value[type];
  switch (type) {
    case 'S':
      if (typeof v !== 'string') throw new RequestShapeError(`Expected a string at ${path}.S`);
      return { S: v };
    case 'N':
      return { N: numberText(v, `${path}.N`) };
    case 'SS':
      return { SS: stringList(v, `${path}.SS`) };
    case 'NS':
      if (!Array.isArray(v)) throw new RequestShapeError(`Expected a list at ${path}.NS`);
      return { NS: v.map((n, i) => numberText(n, `${path}.NS[${i}]`)) };
    case 'B':
      return { B: binary(v, `${path}.B`) };
    case 'BS':
      if (!Array.isArray(v)) throw new RequestShapeError(`Expected a list at ${path}.BS`);
      return { BS: v.map((b, i) => binary(b, `${path}.BS[${i}]`)) };
    case 'BOOL':
      if (typeof v !== 'boolean') throw new RequestShapeError(`Expected a boolean at ${path}.BOOL`);
      return { BOOL: v };
    case 'NULL':
      return { NULL: true };
    case 'L':
      if (!Array.isArray(v)) throw new RequestShapeError(`Expected a list at ${path}.L`);
      return { L: v.map((e, i) => toAttributeValue(e, `${path}.L[${i}]`)) };
    default: // 'M'
      return { M: toAttributeMap(v, `${path}.M`) };
  }
}

/** A map of typed values (key, attributeValues, expressionValues) → SDK map. */
export function toAttributeMap(value: unknown, path = '$'): Record<string, AttributeValue> {
  if (!isPlainObject(value)) throw new RequestShapeError(`Expected an object of typed values at ${path}`);
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toAttributeValue(v, `${path}.${k}`);
  return out;
}

const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');

/** SDK AttributeValue → plain JSON, as AppSync hands it to `ctx.result` (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB" response conversion). */
export function fromAttributeValue(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.M !== undefined) return unmarshallItem(v.M);
  if (v.L !== undefined) return v.L.map(fromAttributeValue);
  if (v.SS !== undefined) return [...v.SS];
  if (v.NS !== undefined) return v.NS.map(Number);
  if (v.B !== undefined) return b64(v.B);
  if (v.BS !== undefined) return v.BS.map(b64);
  return null;
}

export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttributeValue(v);
  return out;
}

/** Typed values that travel as JSON (pagination tokens): binary as base64 text. */
export function toTypedJson(v: AttributeValue): unknown {
  if (v.B !== undefined) return { B: b64(v.B) };
  if (v.BS !== undefined) return { BS: v.BS.map(b64) };
  if (v.L !== undefined) return { L: v.L.map(toTypedJson) };
  if (v.M !== undefined) return { M: Object.fromEntries(Object.entries(v.M).map(([k, e]) => [k, toTypedJson(e)])) };
  return v;
}

function canonicalNumber(n: string): string {
  const x = Number(n);
  return Number.isSafeInteger(x) || (Number.isFinite(x) && !/^-?\d{16,}$/.test(n.trim())) ? String(x) : n.trim();
}

/** A comparable form: numbers normalised, sets order-free, maps key-sorted. */
export function canonical(v: AttributeValue): unknown {
  if (v.S !== undefined) return ['S', v.S];
  if (v.N !== undefined) return ['N', canonicalNumber(v.N)];
  if (v.BOOL !== undefined) return ['BOOL', v.BOOL];
  if (v.NULL !== undefined) return ['NULL'];
  if (v.B !== undefined) return ['B', b64(v.B)];
  if (v.SS !== undefined) return ['SS', [...v.SS].sort()];
  if (v.NS !== undefined) return ['NS', v.NS.map(canonicalNumber).sort()];
  if (v.BS !== undefined) return ['BS', v.BS.map(b64).sort()];
  if (v.L !== undefined) return ['L', v.L.map(canonical)];
  if (v.M !== undefined) return ['M', canonicalMap(v.M)];
  return ['?'];
}

export function canonicalMap(m: Record<string, AttributeValue>, only?: readonly string[]): unknown {
  const names = (only ?? Object.keys(m)).slice().sort();
  return names.map((k) => [k, m[k] === undefined ? null : canonical(m[k])]);
}

/** Stable string for a key (or the key attributes of an item). */
export function keyString(item: Record<string, AttributeValue>, keyNames: readonly string[]): string {
  return JSON.stringify(canonicalMap(item, keyNames));
}

/** Item equality as AppSync's PutItem idempotency check needs it, ignoring some attributes. */
export function itemsEqual(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>, ignore: readonly string[] = []): boolean {
  const strip = (m: Record<string, AttributeValue>): Record<string, AttributeValue> =>
    Object.fromEntries(Object.entries(m).filter(([k]) => !ignore.includes(k)));
  return JSON.stringify(canonicalMap(strip(a))) === JSON.stringify(canonicalMap(strip(b)));
}
