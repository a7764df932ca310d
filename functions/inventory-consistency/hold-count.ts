/**
 * Counting ACTIVE holds in bounded steps. AppSync stops a request after 30 seconds, so one call
 * reads at most `pageLimit()` reservation records of the ACTIVE index; what is left is resumed by
 * the next call. The cursor never leaves the server: the partial sums, the index position and the
 * `sequence` of every item at the start of the count live in a job record (`CONSISTENCYJOB#<token>`,
 * deleted by DynamoDB TTL after 15 minutes) keyed by an opaque random `nextToken`. A forged or
 * expired token finds no job and is a `ValidationError`; a client cannot make repair write a sum
 * it chose.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ACTIVE_INDEX, RESERVATION_SHARDS, activeShardKey, isObject, parseReservation } from '../commons/inventory-model.js';
import { isAwsError } from '../commons/table-client.js';
import type { CheckDeps } from './check.js';
import { FunctionError } from './errors.js';

/** Reservation records read per call unless `CONSISTENCY_PAGE_LIMIT` says otherwise. */
export const DEFAULT_PAGE_LIMIT = 1000;
export const JOB_TTL_SECONDS = 15 * 60;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function pageLimit(): number {
  const raw = Number(process.env['CONSISTENCY_PAGE_LIMIT']);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_PAGE_LIMIT;
}

/** Where a count stands: the shard being read and DynamoDB's position in it. */
export interface HoldCursor {
  shard: number;
  startKey?: Record<string, unknown>;
}

/** Units per warehouse of one product, summed so far. */
export type WarehouseHolds = Record<string, number>;

export interface HoldCount {
  held: WarehouseHolds;
  /** Undefined when every shard has been read. */
  cursor?: HoldCursor;
}

/**
 * Adds the holds of `productId` (only `warehouseId`'s when given) found after `cursor`, reading at
 * most `budget` reservation records; returns where it stopped.
 */
export async function countHolds(
  deps: CheckDeps,
  productId: string,
  warehouseId: string | undefined,
  from: HoldCount,
  budget: number = pageLimit(),
): Promise<HoldCount> {
  const held: WarehouseHolds = { ...from.held };
  let cursor: HoldCursor | undefined = from.cursor;
  let left = budget;
  while (cursor && left > 0) {
    const shard = RESERVATION_SHARDS[cursor.shard];
    if (shard === undefined) return { held };
    const page = await deps.doc.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: ACTIVE_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': activeShardKey(shard) },
        ExclusiveStartKey: cursor.startKey,
        Limit: left,
      }),
    );
    const items = page.Items ?? [];
    left -= Math.max(1, items.length);
    for (const raw of items) {
      const reservation = parseReservation(raw);
      // The index is sparse, but a record caught mid-transition may still carry its old keys.
      if (reservation.status !== 'ACTIVE') continue;
      for (const line of reservation.lines) {
        if (line.productId !== productId || (warehouseId !== undefined && line.warehouseId !== warehouseId)) continue;
        held[line.warehouseId] = (held[line.warehouseId] ?? 0) + line.quantity;
      }
    }
    cursor = page.LastEvaluatedKey
      ? { shard: cursor.shard, startKey: page.LastEvaluatedKey }
      : cursor.shard + 1 < RESERVATION_SHARDS.length
        ? { shard: cursor.shard + 1 }
        : undefined;
  }
  return cursor ? { held, cursor } : { held };
}

export const START: HoldCount = { held: {}, cursor: { shard: 0 } };

/** What a job remembers between calls. */
export interface ConsistencyJob {
  action: 'check' | 'repair';
  productId: string;
  warehouseId?: string;
  /** `sequence` of each stock item when the count started (warehouseId → sequence). */
  sequences: Record<string, number>;
  count: HoldCount;
}

function jobKey(token: string): { pk: string; sk: string } {
  return { pk: `CONSISTENCYJOB#${token}`, sk: 'JOB' };
}

export async function saveJob(deps: CheckDeps, job: ConsistencyJob, now: Date = new Date()): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await deps.doc.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: {
        ...jobKey(token),
        entity: 'ConsistencyJob',
        job: JSON.stringify(job),
        ttl: Math.floor(now.getTime() / 1000) + JOB_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return token;
}

/**
 * Takes a job for the next step: reads and deletes it in one conditional delete, so two callers
 * with the same token cannot both continue it. Unknown, expired or not this call's → ValidationError.
 */
export async function takeJob(
  deps: CheckDeps,
  token: string,
  expected: { action: ConsistencyJob['action']; productId: string; warehouseId?: string },
  now: Date = new Date(),
): Promise<ConsistencyJob> {
  const invalid = new FunctionError('ValidationError', 'nextToken is unknown or expired: start the check again without it.');
  if (!TOKEN.test(token)) throw invalid;
  const got = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: jobKey(token), ConsistentRead: true }));
  const item = got.Item;
  // TTL deletes lazily: an expired record may still be there.
  if (!item || typeof item['job'] !== 'string' || typeof item['ttl'] !== 'number' || item['ttl'] * 1000 <= now.getTime()) throw invalid;
  const job: unknown = JSON.parse(item['job']);
  if (
    !isObject(job) ||
    job['action'] !== expected.action ||
    job['productId'] !== expected.productId ||
    job['warehouseId'] !== expected.warehouseId
  )
    throw invalid;
  try {
    await deps.doc.send(new DeleteCommand({ TableName: deps.tableName, Key: jobKey(token), ConditionExpression: 'attribute_exists(pk)' }));
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) throw invalid; // another call took it first
    throw error;
  }
  return job as unknown as ConsistencyJob;
}
