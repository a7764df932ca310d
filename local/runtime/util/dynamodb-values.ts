/**
 * `util.dynamodb.*` (AWS AppSync Developer Guide, "DynamoDB helpers in util.dynamodb"): JS values → DynamoDB typed AttributeValues. Numbers stay JSON
 * numbers (`{N: 12}`), as AWS emits them [AWS-REC]; the DynamoDB data source stringifies them.
 */
import { isPlainObject, type PlainObject } from './values.js';

export type AttributeValue = Record<string, unknown>;

/**
 * Lists become `L`, never sets; `undefined` (top level, or as an object property) yields nothing,
 * like JSON serialisation [INFERRED]; inside a list it becomes `NULL`, as `JSON.stringify` would.
 */
export function toDynamoDB(v: unknown): AttributeValue | null {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return null;
  if (v === null) return { NULL: null };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: v };
  if (typeof v === 'bigint') return { N: Number(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map((e) => toDynamoDB(e) ?? { NULL: null }) };
  return { M: toMapValues(v) ?? {} };
}

export function toMapValues(obj: unknown): Record<string, AttributeValue> | null {
  if (!isPlainObject(obj)) return null;
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(obj)) {
    const av = toDynamoDB(v);
    if (av !== null) out[k] = av;
  }
  return out;
}

const orNull = <T>(v: unknown, f: (x: unknown) => T): T | null => (v === null || v === undefined ? null : f(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? [...(v as unknown[])] : [v]);

export function createDynamoDBUtils(): PlainObject {
  return {
    toDynamoDB,
    toString: (v: unknown) => orNull(v, (x) => ({ S: x })),
    toStringSet: (v: unknown) => orNull(v, (x) => ({ SS: list(x) })),
    toNumber: (v: unknown) => orNull(v, (x) => ({ N: x })),
    toNumberSet: (v: unknown) => orNull(v, (x) => ({ NS: list(x) })),
    toBinary: (v: unknown) => orNull(v, (x) => ({ B: x })),
    toBinarySet: (v: unknown) => orNull(v, (x) => ({ BS: list(x) })),
    toBoolean: (v: unknown) => orNull(v, (x) => ({ BOOL: x })),
    toNull: () => ({ NULL: null }),
    toList: (v: unknown) => (Array.isArray(v) ? toDynamoDB(v) : null),
    toMap: (v: unknown) => (isPlainObject(v) ? toDynamoDB(v) : null),
    toMapValues,
    /** Compact JSON, key order key/bucket/region/version [AWS-REC]. */
    toS3Object: (key: unknown, bucket: unknown, region: unknown, version?: unknown) => {
      const s3: PlainObject = { key, bucket, region };
      if (version !== undefined && version !== null) s3['version'] = version;
      return { S: JSON.stringify({ s3 }) };
    },
    /** Accepts the S3-object JSON string (or its `{S}` wrapper); returns `{key, bucket, region[, version]}` or null. */
    fromS3ObjectJson: (v: unknown) => {
      const text = isPlainObject(v) && typeof v['S'] === 'string' ? v['S'] : v;
      if (typeof text !== 'string') return null;
      try {
        const parsed: unknown = JSON.parse(text);
        return isPlainObject(parsed) && isPlainObject(parsed['s3']) ? parsed['s3'] : null;
      } catch {
        return null;
      }
    },
  };
}
