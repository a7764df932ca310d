/**
 * One order's +1 on one product, exactly once (docs/catalog.md, "Popularity"). The marker
 * `POPULARITY#<order>` / `PRODUCT#<product>` is put, on `attribute_not_exists`, in the same
 * transaction as the increment: a replayed or redelivered event finds it and counts nothing.
 *
 * The popularity index keys (gsi9sk, gsi11sk: the zero-padded popularity) are written with the
 * increment: the transaction sets popularity from the value just read, under the condition that it
 * is still that value. A product that many orders raise at once would make that condition fail over
 * and over, so after a few lost races the increment becomes an unconditional `ADD` (still with the
 * marker), and the index keys are set right after it by a write conditional on the popularity they
 * encode. Whoever raised the popularity last finds its own value there and writes it, so the keys
 * always end at the final popularity; a failed fix-up is redone when the event is redelivered.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { popularityMarkKey, popularitySortKey, productKey } from '../../model/catalog/keys.js';
import { isAwsError } from '../commons/table-client.js';

export type IncrementOutcome = 'counted' | 'alreadyCounted' | 'noProduct';

export interface IncrementDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Compare-and-set attempts before the increment becomes an ADD (default 2). */
  readonly casAttempts?: number;
  /** Seconds a marker is kept (DynamoDB TTL): longer than any redelivery or replay window. */
  readonly markerTtlSeconds?: number;
}

/** 400 days: past EventBridge's 24 h retries and a year of archive replays. */
export const MARKER_TTL_SECONDS = 400 * 24 * 3600;
/** Attempts of the ADD transaction against DynamoDB's own transaction conflicts. */
const ADD_ATTEMPTS = 20;

type Reason = { Code?: string; Item?: Record<string, unknown> };
type Stored = { popularity: number; sortKey: string | undefined };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff: contenders spread out instead of retrying in lockstep. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(200, 4 * 2 ** Math.min(attempt, 6));
}

/** The product's popularity and its index key (strongly consistent); undefined for no catalog product. */
async function readStored(productId: string, deps: IncrementDeps): Promise<Stored | undefined> {
  const read = await deps.doc.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: productKey(productId),
      ConsistentRead: true,
      ProjectionExpression: 'entity, popularity, gsi9sk',
    }),
  );
  if (read.Item?.['entity'] !== 'Product') return undefined;
  const popularity: unknown = read.Item['popularity'];
  const sortKey: unknown = read.Item['gsi9sk'];
  return { popularity: typeof popularity === 'number' ? popularity : 0, sortKey: typeof sortKey === 'string' ? sortKey : undefined };
}

function markerPut(orderId: string, productId: string, deps: IncrementDeps) {
  return {
    Put: {
      TableName: deps.tableName,
      Item: {
        ...popularityMarkKey(orderId, productId),
        entity: 'PopularityMark',
        orderId,
        productId,
        ttl: Math.floor(Date.now() / 1000) + (deps.markerTtlSeconds ?? MARKER_TTL_SECONDS),
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    },
  };
}

function reasonsOf(error: unknown): Reason[] {
  return (error as { CancellationReasons?: Reason[] }).CancellationReasons ?? [];
}

function isTransactionFailure(error: unknown): boolean {
  return isAwsError(error, 'TransactionCanceledException') || isAwsError(error, 'TransactionConflictException');
}

/** Sets the index keys to the stored popularity, unless it moved on meanwhile (its raiser does it). */
export async function repairSortKeys(productId: string, deps: IncrementDeps): Promise<void> {
  const stored = await readStored(productId, deps);
  if (!stored) return;
  const sortKey = popularitySortKey(stored.popularity, productId);
  if (stored.sortKey === sortKey) return;
  try {
    await deps.doc.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: productKey(productId),
        UpdateExpression: 'SET #gsi9sk = :sk, #gsi11sk = :sk',
        ConditionExpression: '#popularity = :popularity',
        ExpressionAttributeNames: { '#popularity': 'popularity', '#gsi9sk': 'gsi9sk', '#gsi11sk': 'gsi11sk' },
        ExpressionAttributeValues: { ':sk': sortKey, ':popularity': stored.popularity },
      }),
    );
  } catch (error) {
    if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
  }
}

/** The increment with its index keys in one write: false when another increment won the race. */
async function compareAndSet(orderId: string, productId: string, current: number, deps: IncrementDeps): Promise<IncrementOutcome | false> {
  const sortKey = popularitySortKey(current + 1, productId);
  try {
    await deps.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: deps.tableName,
              Key: productKey(productId),
              UpdateExpression: 'SET #popularity = :next, #gsi9sk = :sk, #gsi11sk = :sk',
              ConditionExpression: '#entity = :product AND #popularity = :current',
              ExpressionAttributeNames: { '#entity': 'entity', '#popularity': 'popularity', '#gsi9sk': 'gsi9sk', '#gsi11sk': 'gsi11sk' },
              ExpressionAttributeValues: { ':next': current + 1, ':current': current, ':sk': sortKey, ':product': 'Product' },
            },
          },
          markerPut(orderId, productId, deps),
        ],
      }),
    );
    return 'counted';
  } catch (error) {
    if (!isTransactionFailure(error)) throw error;
    if (reasonsOf(error)[1]?.Code === 'ConditionalCheckFailed') return 'alreadyCounted';
    return false;
  }
}

/** The contended path: ADD needs no prior value, so concurrent increments never cancel each other. */
async function addOne(orderId: string, productId: string, deps: IncrementDeps): Promise<IncrementOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deps.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: deps.tableName,
                Key: productKey(productId),
                UpdateExpression: 'ADD #popularity :one',
                ConditionExpression: '#entity = :product',
                ExpressionAttributeNames: { '#entity': 'entity', '#popularity': 'popularity' },
                ExpressionAttributeValues: { ':one': 1, ':product': 'Product' },
              },
            },
            markerPut(orderId, productId, deps),
          ],
        }),
      );
      return 'counted';
    } catch (error) {
      if (!isTransactionFailure(error)) throw error;
      const reasons = reasonsOf(error);
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'alreadyCounted';
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'noProduct';
      if (attempt >= ADD_ATTEMPTS) throw new Error(`popularity of ${productId}: ${ADD_ATTEMPTS} transaction conflicts in a row`);
      await sleep(backoffMs(attempt));
    }
  }
}

export async function incrementPopularity(orderId: string, productId: string, deps: IncrementDeps): Promise<IncrementOutcome> {
  const casAttempts = deps.casAttempts ?? 2;
  for (let attempt = 1; attempt <= casAttempts; attempt += 1) {
    const stored = await readStored(productId, deps);
    if (!stored) return 'noProduct';
    const outcome = await compareAndSet(orderId, productId, stored.popularity, deps);
    if (outcome === 'counted') return outcome;
    if (outcome === 'alreadyCounted') {
      // A redelivery after a failed fix-up heals the index keys.
      await repairSortKeys(productId, deps);
      return outcome;
    }
    await sleep(backoffMs(attempt));
  }
  const outcome = await addOne(orderId, productId, deps);
  if (outcome !== 'noProduct') await repairSortKeys(productId, deps);
  return outcome;
}
