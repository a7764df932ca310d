/**
 * The alert records of model/alerts.ts on the table: one live alert per item, kept by the guard
 * item's conditional put in the same transaction as the alert's own conditional put; marks that
 * say what was already published; resolution that removes the guard in the same transaction.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { alertGuardKey, alertIndexKeys, alertKey, alertStatusPartition, type AlertRecord, type AlertType } from '../../model/alerts.js';
import { inventoryKey } from '../../model/keys.js';
import { isObject, parseInventoryItem, type InventoryState } from '../commons/inventory-model.js';
import { isAwsError } from '../commons/table-client.js';

export interface AlertStore {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** What would open an alert: the item's counters at one sequence. */
export interface AlertCandidate {
  readonly type: AlertType;
  readonly productId: string;
  readonly warehouseId: string;
  readonly available: number;
  readonly onHand: number;
  readonly threshold: number;
  readonly sequence: number;
  readonly createdAt: string;
}

/** `alr_` + 32 hex of SHA-256 of what opened it (an event id, a safety-net check): replays agree. */
export function alertIdFor(origin: string): string {
  return `alr_${createHash('sha256').update(origin).digest('hex').slice(0, 32)}`;
}

function parseAlert(raw: unknown): AlertRecord | null {
  if (!isObject(raw) || typeof raw['id'] !== 'string') return null;
  return raw as unknown as AlertRecord;
}

export async function loadAlert(store: AlertStore, id: string): Promise<AlertRecord | null> {
  const r = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: alertKey(id), ConsistentRead: true }));
  return parseAlert(r.Item);
}

export async function loadGuard(store: AlertStore, productId: string, warehouseId: string): Promise<string | null> {
  const r = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: alertGuardKey(productId, warehouseId), ConsistentRead: true }),
  );
  const alertId: unknown = r.Item?.['alertId'];
  return typeof alertId === 'string' ? alertId : null;
}

export async function loadItem(store: AlertStore, productId: string, warehouseId: string): Promise<InventoryState | null> {
  const r = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: inventoryKey(productId, warehouseId), ConsistentRead: true }),
  );
  return r.Item ? parseInventoryItem(r.Item) : null;
}

/**
 * Opens alert `id` unless the item already has a live one (the guard's conditional put) or the
 * alert exists (its own conditional put: a concurrent delivery of the same origin won). Answers
 * the new alert, or null when it was not this call that created it.
 */
export async function openAlert(store: AlertStore, id: string, candidate: AlertCandidate): Promise<AlertRecord | null> {
  const alert: AlertRecord = {
    id,
    ...candidate,
    status: 'OPEN',
    acknowledgedAt: null,
    resolvedAt: null,
  };
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: { ...alertGuardKey(candidate.productId, candidate.warehouseId), entity: 'AlertGuard', alertId: id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: store.tableName,
              Item: { ...alertKey(id), entity: 'Alert', ...alert, ...alertIndexKeys('OPEN', candidate.createdAt, id) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return alert;
  } catch (error) {
    // Another live alert holds the item, or a concurrent call created this one (and publishes it).
    if (isAwsError(error, 'TransactionCanceledException')) return null;
    throw error;
  }
}

export type PublishMark = 'snsPublishedAt' | 'livePublishedAt';

/** The claim that one delivery is publishing right now, per mark. */
const CLAIMS: Record<PublishMark, string> = { snsPublishedAt: 'snsClaimedAt', livePublishedAt: 'liveClaimedAt' };
/** A claim older than this is a delivery that died mid-publication: another may take over. */
export const CLAIM_LEASE_MS = 60_000;

/**
 * Claims one publication of the alert: true for exactly one of concurrent deliveries while the
 * mark is unset (a redelivery racing the first one does not publish twice).
 */
export async function claimPublication(store: AlertStore, id: string, mark: PublishMark, nowMs: number): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: alertKey(id),
        UpdateExpression: 'SET #claim = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#mark) AND (attribute_not_exists(#claim) OR #claim < :expired)',
        ExpressionAttributeNames: { '#mark': mark, '#claim': CLAIMS[mark] },
        ExpressionAttributeValues: { ':now': nowMs, ':expired': nowMs - CLAIM_LEASE_MS },
      }),
    );
    return true;
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
    throw error;
  }
}

/** Gives a claim back after a failed publication, so the redelivery can publish at once. */
export async function releaseClaim(store: AlertStore, id: string, mark: PublishMark): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: alertKey(id),
      UpdateExpression: 'REMOVE #claim',
      ExpressionAttributeNames: { '#claim': CLAIMS[mark] },
    }),
  );
}

/** Records that one publication went out (the first time only) and drops its claim. */
export async function markPublished(store: AlertStore, id: string, mark: PublishMark, at: string): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: alertKey(id),
      UpdateExpression: 'SET #mark = if_not_exists(#mark, :at) REMOVE #claim',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#mark': mark, '#claim': CLAIMS[mark] },
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/**
 * Resolves the item's live alert when a change at `sequence` shows it above its threshold: the
 * alert's conditional update and the guard's conditional delete in one transaction. A change
 * older than the alert (EventBridge keeps no order) resolves nothing. Answers the resolved alert.
 */
export async function resolveAlert(
  store: AlertStore,
  productId: string,
  warehouseId: string,
  sequence: number,
  at: string,
): Promise<AlertRecord | null> {
  const id = await loadGuard(store, productId, warehouseId);
  if (!id) return null;
  const alert = await loadAlert(store, id);
  if (alert && alert.sequence >= sequence) return null;
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: alertKey(id),
              UpdateExpression: 'SET #status = :resolved, #resolvedAt = :at, #gsi5pk = :partition',
              ConditionExpression: '#status IN (:open, :acknowledged)',
              ExpressionAttributeNames: { '#status': 'status', '#resolvedAt': 'resolvedAt', '#gsi5pk': 'gsi5pk' },
              ExpressionAttributeValues: {
                ':resolved': 'RESOLVED',
                ':at': at,
                ':partition': alertStatusPartition('RESOLVED'),
                ':open': 'OPEN',
                ':acknowledged': 'ACKNOWLEDGED',
              },
            },
          },
          {
            Delete: {
              TableName: store.tableName,
              Key: alertGuardKey(productId, warehouseId),
              ConditionExpression: 'alertId = :id',
              ExpressionAttributeValues: { ':id': id },
            },
          },
        ],
      }),
    );
  } catch (error) {
    // Another delivery resolved it first.
    if (isAwsError(error, 'TransactionCanceledException')) return null;
    throw error;
  }
  return alert ? { ...alert, status: 'RESOLVED', resolvedAt: at } : null;
}
