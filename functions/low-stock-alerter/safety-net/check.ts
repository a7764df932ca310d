/**
 * The 5-minute low-stock safety net (docs/alerts.md): every item the status index (gsi5) lists as
 * LOW_STOCK or OUT_OF_STOCK whose guard is absent gets an alert, exactly as the alerter opens one
 * (same conditional puts, same publication marks). It reads the index page by page and the
 * guards of each page with one BatchGetItem: never a Scan. The alert id derives from the item's
 * sequence and threshold, so two overlapping runs open one alert.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { alertGuardKey } from '../../../model/alerts.js';
import { BY_STATUS_INDEX, statusPartition } from '../../../model/inventory-index.js';
import type { StockStatus } from '../../../model/enums.js';
import { parseInventoryItem, type InventoryState } from '../../commons/inventory-model.js';
import type { AlerterOutcome } from '../alerter.js';
import type { AlertStore } from '../alert-store.js';

const ALERTING_STATUSES: readonly StockStatus[] = ['LOW_STOCK', 'OUT_OF_STOCK'];
/** Items per index page: also the BatchGetItem size (its limit is 100 keys). */
export const SAFETY_NET_PAGE = 100;

export type OpenFor = (origin: string, item: InventoryState) => Promise<AlerterOutcome>;

export interface SafetyNetReport {
  readonly checked: number;
  readonly opened: number;
  /** False when the run stopped before the end of the index (time budget): the next run continues. */
  readonly complete: boolean;
}

async function guardedKeys(store: AlertStore, items: readonly InventoryState[]): Promise<Set<string>> {
  const guarded = new Set<string>();
  let keys: Record<string, unknown>[] = items.map((i) => alertGuardKey(i.productId, i.warehouseId));
  for (let attempt = 0; keys.length > 0 && attempt < 5; attempt += 1) {
    const r = await store.doc.send(new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } }));
    for (const guard of r.Responses?.[store.tableName] ?? []) guarded.add(String(guard['pk']));
    keys = (r.UnprocessedKeys?.[store.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  if (keys.length > 0) throw new Error(`BatchGetItem left ${keys.length} guard keys unprocessed`);
  return guarded;
}

export async function runSafetyNet(store: AlertStore, openFor: OpenFor, hasTimeLeft: () => boolean = () => true): Promise<SafetyNetReport> {
  let checked = 0;
  let opened = 0;
  for (const status of ALERTING_STATUSES) {
    let startKey: Record<string, unknown> | undefined;
    do {
      if (!hasTimeLeft()) return { checked, opened, complete: false };
      const page = await store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: BY_STATUS_INDEX,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': `${BY_STATUS_INDEX}pk` },
          ExpressionAttributeValues: { ':pk': statusPartition(status) },
          Limit: SAFETY_NET_PAGE,
          ExclusiveStartKey: startKey,
        }),
      );
      startKey = page.LastEvaluatedKey;
      const items = (page.Items ?? []).map((raw) => parseInventoryItem(raw, 'InventoryItem'));
      checked += items.length;
      if (items.length === 0) continue;
      const guarded = await guardedKeys(store, items);
      for (const item of items) {
        if (guarded.has(alertGuardKey(item.productId, item.warehouseId).pk)) continue;
        const origin = `safety-net#${item.productId}#${item.warehouseId}#${item.sequence}#${item.threshold}`;
        if ((await openFor(origin, item)) === 'opened') opened += 1;
      }
    } while (startKey);
  }
  return { checked, opened, complete: true };
}
