/**
 * Live stock pushes from the change stream: every inventory movement (a raised `sequence`) becomes
 * one `publishStockChange` call (IAM, SigV4, `functions/commons/stock-change-publisher.ts`).
 * EventBridge keeps no order, so pushes never go through it: they go out here, in stream order
 * per item. Items are independent and pushed concurrently; within an item the calls are
 * sequential, and once one fails the item's later records are not pushed (they are reported
 * failed with it, so the retry replays them after it, in order).
 */
import type { StockChangeInput } from '../../resolvers/generated/graphql.js';
import { inventoryIdsOf, parseInventoryItem } from '../commons/inventory-model.js';
import { stockChangeOf } from '../commons/stock-change-publisher.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';

export type PushStockChange = (change: StockChangeInput) => Promise<void>;

/** The change to push for a record, or undefined when the record is not a stock movement. */
export function liveChangeOf(record: ParsedStreamRecord): StockChangeInput | undefined {
  if (record.eventName === 'REMOVE' || !record.newImage || !inventoryIdsOf(record.keys)) return undefined;
  const after = parseInventoryItem({ ...record.newImage, ...record.keys }, 'NewImage');
  const before =
    record.eventName === 'MODIFY' && record.oldImage ? parseInventoryItem({ ...record.oldImage, ...record.keys }, 'OldImage') : null;
  // Same rule as the StockChanged event: only a movement raises the sequence.
  return after.sequence > (before?.sequence ?? 0) ? stockChangeOf(after) : undefined;
}

export interface LivePushFailure<R> {
  readonly record: R;
  readonly error: unknown;
}

/**
 * Pushes the changes of `records` (in stream order) and returns the records that failed: the one
 * whose call failed and every later record of the same item.
 */
export async function pushLiveChanges<R>(
  records: readonly { readonly record: R; readonly change: StockChangeInput }[],
  push: PushStockChange,
): Promise<LivePushFailure<R>[]> {
  const byItem = new Map<string, { record: R; change: StockChangeInput }[]>();
  for (const entry of records) {
    const key = `${entry.change.productId}|${entry.change.warehouseId}`;
    const list = byItem.get(key) ?? [];
    list.push(entry);
    byItem.set(key, list);
  }
  const failures: LivePushFailure<R>[] = [];
  await Promise.all(
    [...byItem.values()].map(async (entries) => {
      for (let i = 0; i < entries.length; i += 1) {
        try {
          await push(entries[i]!.change);
        } catch (error) {
          for (const rest of entries.slice(i)) failures.push({ record: rest.record, error });
          return;
        }
      }
    }),
  );
  return failures;
}
