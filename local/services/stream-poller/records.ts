/** DynamoDB Streams records in the shape Lambda delivers them, and reading partial batch responses. */
import type { _Record as StreamRecord, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/** SDK attribute value → Lambda event JSON (`B`/`BS` as base64 strings). */
export function toLambdaAttributeValue(av: AttributeValue): Record<string, unknown> {
  if (av.S !== undefined) return { S: av.S };
  if (av.N !== undefined) return { N: av.N };
  if (av.BOOL !== undefined) return { BOOL: av.BOOL };
  if (av.NULL !== undefined) return { NULL: av.NULL };
  if (av.B !== undefined) return { B: Buffer.from(av.B).toString('base64') };
  if (av.SS !== undefined) return { SS: [...av.SS] };
  if (av.NS !== undefined) return { NS: [...av.NS] };
  if (av.BS !== undefined) return { BS: av.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (av.L !== undefined) return { L: av.L.map(toLambdaAttributeValue) };
  if (av.M !== undefined) return { M: toLambdaImage(av.M) };
  throw new Error(`unknown attribute value ${JSON.stringify(av)}`);
}

function toLambdaImage(map: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) out[k] = toLambdaAttributeValue(v);
  return out;
}

/** One GetRecords record → the record Lambda puts into a `DynamoDBStreamEvent`. */
export function toLambdaRecord(record: StreamRecord, eventSourceARN: string, region: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  const dynamodb: Record<string, unknown> = {
    ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : Math.floor(Date.now() / 1000),
    Keys: toLambdaImage(d.Keys ?? {}),
    SequenceNumber: d.SequenceNumber,
    SizeBytes: d.SizeBytes,
    StreamViewType: d.StreamViewType,
  };
  if (d.NewImage) dynamodb['NewImage'] = toLambdaImage(d.NewImage);
  if (d.OldImage) dynamodb['OldImage'] = toLambdaImage(d.OldImage);
  const out: Record<string, unknown> = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb,
    eventSourceARN,
  };
  if (record.userIdentity) out['userIdentity'] = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return out;
}

/**
 * Index of the first failed record of a batch from the handler's result: -1 = all succeeded,
 * 0 also for an unusable answer (AWS fails the whole batch on an invalid identifier).
 */
export function firstFailedIndex(result: unknown, sequenceNumbers: readonly string[]): number {
  if (result === undefined || result === null || typeof result !== 'object') return -1;
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return -1;
  if (!Array.isArray(failures)) return 0;
  let first = -1;
  for (const f of failures) {
    const id = typeof f === 'object' && f !== null ? (f as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (index < 0) return 0;
    if (first < 0 || index < first) first = index;
  }
  return first;
}
