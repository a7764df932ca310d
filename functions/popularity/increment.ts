/**
 * One order's +1 on one product, exactly once: a single TransactWriteItems that raises the
 * product's popularity from the value just read (and rewrites its two popularity index keys,
 * gsi9sk and gsi11sk, to match) and puts the marker `POPULARITY#<order>` / `PRODUCT#<product>`
 * if it does not exist. A replayed event finds the marker and counts nothing; a concurrent
 * increment of the same product fails the popularity condition and is retried from a new read.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { popularityMarkKey, popularitySortKey, productKey } from '../../model/catalog/keys.js';
import { isAwsError } from '../commons/table-client.js';

export type IncrementOutcome = 'counted' | 'alreadyCounted' | 'noProduct';

export interface IncrementDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Attempts under contention before the event is failed (and redelivered). Default 60. */
  readonly maxAttempts?: number;
  /** Seconds a marker is kept (DynamoDB TTL): longer than any redelivery or replay window. */
  readonly markerTtlSeconds?: number;
}

/** 400 days: past EventBridge's 24 h retries and a year of archive replays. */
export const MARKER_TTL_SECONDS = 400 * 24 * 3600;

type Reason = { Code?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function incrementPopularity(orderId: string, productId: string, deps: IncrementDeps): Promise<IncrementOutcome> {
  const maxAttempts = deps.maxAttempts ?? 60;
  const marker = popularityMarkKey(orderId, productId);
  for (let attempt = 1; ; attempt += 1) {
    const read = await deps.doc.send(
      new GetCommand({
        TableName: deps.tableName,
        Key: productKey(productId),
        ConsistentRead: true,
        ProjectionExpression: 'entity, popularity',
      }),
    );
    if (read.Item?.['entity'] !== 'Product') return 'noProduct';
    const current = typeof read.Item['popularity'] === 'number' ? read.Item['popularity'] : 0;
    const next = current + 1;
    const sortKey = popularitySortKey(next, productId);
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
                ExpressionAttributeValues: { ':next': next, ':current': current, ':sk': sortKey, ':product': 'Product' },
              },
            },
            {
              Put: {
                TableName: deps.tableName,
                Item: {
                  ...marker,
                  entity: 'PopularityMark',
                  orderId,
                  productId,
                  ttl: Math.floor(Date.now() / 1000) + (deps.markerTtlSeconds ?? MARKER_TTL_SECONDS),
                },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': 'pk' },
              },
            },
          ],
        }),
      );
      return 'counted';
    } catch (error) {
      if (!isAwsError(error, 'TransactionCanceledException') && !isAwsError(error, 'TransactionConflictException')) throw error;
      const reasons = (error as { CancellationReasons?: Reason[] }).CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'alreadyCounted';
      if (attempt >= maxAttempts) throw new Error(`popularity of ${productId} stayed contended for ${maxAttempts} attempts`);
      // Another order's increment won the race: read again after a short, jittered pause.
      await sleep(Math.random() * Math.min(50, 2 * attempt));
    }
  }
}
