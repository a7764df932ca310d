/**
 * DynamoDB stream records as Lambda delivers them (`DynamoDBStreamEvent`), parsed with explicit
 * checks into plain JavaScript values. Lambda's attribute values are JSON: `B`/`BS` are base64
 * strings and numbers are strings; nothing here trusts a cast.
 */
import type { DynamoDBRecord } from 'aws-lambda';

export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

export interface ParsedStreamRecord {
  readonly eventId: string;
  readonly eventName: StreamEventName;
  /** The record's position in its shard; the `itemIdentifier` of a partial batch failure. */
  readonly sequenceNumber: string;
  readonly keys: Record<string, unknown>;
  readonly newImage?: Record<string, unknown>;
  readonly oldImage?: Record<string, unknown>;
  readonly approximateCreationDateTime?: number;
  readonly eventSourceARN?: string;
}

export class StreamRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamRecordError';
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(Number(v)))
    throw new StreamRecordError(`${path}: N must be a numeric string`);
  return Number(v);
}

/** One Lambda-JSON attribute value → a plain value (sets become arrays, binaries Uint8Array). */
export function fromAttributeValue(av: unknown, path = 'value'): unknown {
  if (!isObj(av)) throw new StreamRecordError(`${path}: attribute value must be a map`);
  const types = Object.keys(av);
  if (types.length !== 1) throw new StreamRecordError(`${path}: attribute value must have exactly one type, got [${types.join(', ')}]`);
  const type = types[0] as string;
  const v = av[type];
  switch (type) {
    case 'S':
      if (typeof v !== 'string') throw new StreamRecordError(`${path}: S must be a string`);
      return v;
    case 'N':
      return num(v, path);
    case 'BOOL':
      if (typeof v !== 'boolean') throw new StreamRecordError(`${path}: BOOL must be a boolean`);
      return v;
    case 'NULL':
      return null;
    case 'B':
      if (typeof v !== 'string') throw new StreamRecordError(`${path}: B must be a base64 string`);
      return new Uint8Array(Buffer.from(v, 'base64'));
    case 'SS':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new StreamRecordError(`${path}: SS must be a list of strings`);
      return [...v];
    case 'NS':
      if (!Array.isArray(v)) throw new StreamRecordError(`${path}: NS must be a list`);
      return v.map((x, i) => num(x, `${path}[${i}]`));
    case 'BS':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw new StreamRecordError(`${path}: BS must be a list of base64 strings`);
      return v.map((x: string) => new Uint8Array(Buffer.from(x, 'base64')));
    case 'L':
      if (!Array.isArray(v)) throw new StreamRecordError(`${path}: L must be a list`);
      return v.map((x, i) => fromAttributeValue(x, `${path}[${i}]`));
    case 'M':
      return fromAttributeMap(v, path);
    default:
      throw new StreamRecordError(`${path}: unknown attribute type ${type}`);
  }
}

export function fromAttributeMap(map: unknown, path = 'image'): Record<string, unknown> {
  if (!isObj(map)) throw new StreamRecordError(`${path} must be a map of attribute values`);
  const out: Record<string, unknown> = {};
  for (const [name, av] of Object.entries(map)) out[name] = fromAttributeValue(av, `${path}.${name}`);
  return out;
}

/** Parses one record of a `DynamoDBStreamEvent`; throws `StreamRecordError` on a malformed one. */
export function parseStreamRecord(raw: DynamoDBRecord | unknown): ParsedStreamRecord {
  if (!isObj(raw)) throw new StreamRecordError('record must be an object');
  const { eventID, eventName, dynamodb, eventSourceARN } = raw;
  if (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE')
    throw new StreamRecordError(`eventName must be INSERT, MODIFY or REMOVE, got ${JSON.stringify(eventName)}`);
  if (!isObj(dynamodb)) throw new StreamRecordError('record.dynamodb must be an object');
  const seq = dynamodb['SequenceNumber'];
  if (typeof seq !== 'string' || !/^\d+$/.test(seq)) throw new StreamRecordError('dynamodb.SequenceNumber must be a digit string');
  const created = dynamodb['ApproximateCreationDateTime'];
  return {
    eventId: typeof eventID === 'string' ? eventID : seq,
    eventName,
    sequenceNumber: seq,
    keys: fromAttributeMap(dynamodb['Keys'], 'dynamodb.Keys'),
    newImage: dynamodb['NewImage'] === undefined ? undefined : fromAttributeMap(dynamodb['NewImage'], 'dynamodb.NewImage'),
    oldImage: dynamodb['OldImage'] === undefined ? undefined : fromAttributeMap(dynamodb['OldImage'], 'dynamodb.OldImage'),
    approximateCreationDateTime: typeof created === 'number' ? created : undefined,
    eventSourceARN: typeof eventSourceARN === 'string' ? eventSourceARN : undefined,
  };
}

/** The sequence number of a raw record, when it has one (for reporting a failure of a malformed record). */
export function rawSequenceNumber(raw: unknown): string | undefined {
  if (!isObj(raw) || !isObj(raw['dynamodb'])) return undefined;
  const seq = raw['dynamodb']['SequenceNumber'];
  return typeof seq === 'string' && seq !== '' ? seq : undefined;
}
