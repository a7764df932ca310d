/**
 * Live pushes from the change stream, through the IAM-only publish mutations (SigV4,
 * `functions/commons/appsync-iam-caller.ts`):
 * - every inventory movement (a raised `sequence`) becomes one `publishStockChange` call;
 * - every order created or changing status becomes one `publishOrderChange` call (every field of
 *   Order, `functions/commons/order-change-publisher.ts`).
 * EventBridge keeps no order, so pushes never go through it: they go out here, in stream order
 * per item (a stock item, an order). Items are independent and pushed concurrently; within an
 * item the calls are sequential, and once one fails the item's later records are not pushed (they
 * are reported failed with it, so the retry replays them after it, in order).
 */
import type { OrderChangeInput, StockChangeInput } from '../../resolvers/generated/graphql.js';
import { inventoryIdsOf, parseInventoryItem } from '../commons/inventory-model.js';
import { isOrderImage, orderChangeOf } from '../commons/order-change-publisher.js';
import { stockChangeOf } from '../commons/stock-change-publisher.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';

export type PushStockChange = (change: StockChangeInput) => Promise<void>;
export type PushOrderChange = (change: OrderChangeInput) => Promise<void>;

export type LivePush =
  { readonly kind: 'stock'; readonly change: StockChangeInput } | { readonly kind: 'order'; readonly change: OrderChangeInput };

/** The publish calls the pushes go through; a kind without one is not pushed (nor failed). */
export interface LivePushers {
  readonly stock?: PushStockChange;
  readonly order?: PushOrderChange;
}

/** The stock change to push for a record, or undefined when the record is not a stock movement. */
export function liveChangeOf(record: ParsedStreamRecord): StockChangeInput | undefined {
  if (record.eventName === 'REMOVE' || !record.newImage || !inventoryIdsOf(record.keys)) return undefined;
  const after = parseInventoryItem({ ...record.newImage, ...record.keys }, 'NewImage');
  const before =
    record.eventName === 'MODIFY' && record.oldImage ? parseInventoryItem({ ...record.oldImage, ...record.keys }, 'OldImage') : null;
  // Same rule as the StockChanged event: only a movement raises the sequence.
  return after.sequence > (before?.sequence ?? 0) ? stockChangeOf(after) : undefined;
}

/** The order to push: a new order (its first status) or one whose status changed; else undefined. */
export function liveOrderChangeOf(record: ParsedStreamRecord): OrderChangeInput | undefined {
  if (record.eventName === 'REMOVE' || !isOrderImage(record.newImage)) return undefined;
  const after = orderChangeOf(record.newImage, 'NewImage');
  if (record.eventName === 'MODIFY' && record.oldImage && record.oldImage['status'] === after.status) return undefined;
  return after;
}

/** What a record pushes live, if anything. */
export function livePushOf(record: ParsedStreamRecord): LivePush | undefined {
  const stock = liveChangeOf(record);
  if (stock) return { kind: 'stock', change: stock };
  const order = liveOrderChangeOf(record);
  return order ? { kind: 'order', change: order } : undefined;
}

export interface LivePushFailure<R> {
  readonly record: R;
  readonly error: unknown;
}

/** Pushes of one item go out in stream order: a stock item (product, warehouse) or an order. */
function orderingKey(push: LivePush): string {
  return push.kind === 'stock' ? `stock|${push.change.productId}|${push.change.warehouseId}` : `order|${push.change.id}`;
}

async function send(push: LivePush, pushers: LivePushers): Promise<void> {
  if (push.kind === 'stock') await pushers.stock?.(push.change);
  else await pushers.order?.(push.change);
}

/**
 * Pushes the `records` (in stream order) and returns the records that failed: the one whose call
 * failed and every later record of the same item.
 */
export async function pushLiveChanges<R>(
  records: readonly { readonly record: R; readonly push: LivePush }[],
  pushers: LivePushers,
): Promise<LivePushFailure<R>[]> {
  const byItem = new Map<string, { record: R; push: LivePush }[]>();
  for (const entry of records) {
    const key = orderingKey(entry.push);
    const list = byItem.get(key) ?? [];
    list.push(entry);
    byItem.set(key, list);
  }
  const failures: LivePushFailure<R>[] = [];
  await Promise.all(
    [...byItem.values()].map(async (entries) => {
      for (let i = 0; i < entries.length; i += 1) {
        try {
          await send(entries[i]!.push, pushers);
        } catch (error) {
          for (const rest of entries.slice(i)) failures.push({ record: rest.record, error });
          return;
        }
      }
    }),
  );
  return failures;
}
