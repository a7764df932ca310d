/**
 * Shared pipeline function (reserveStock, commitStock): the stock of each unallocated product in
 * every warehouse, in one BatchGetItem; the response allocates each open line (resolvers/lib/allocation.ts).
 */
import { runtime, util, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import type { StepContext } from '../lib/context';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import { pairKey, unallocated, type AllocationStash } from '../lib/allocation';
import { fail, invalid, raiseDataSourceError } from '../lib/errors';
import type { AllocatedLine } from '../lib/lines';

/** Runs after loadWarehouses (null); the result is BatchGetItem's, per table. */
type StockContext = StepContext<
  unknown,
  AllocationStash,
  null,
  { data: Record<string, (InventoryRecord | null)[]>; unprocessedKeys?: Record<string, unknown[]> }
>;

export function request(ctx: StockContext): DynamoDBBatchGetItemRequest {
  const stash = ctx.stash;
  const open = unallocated(stash);
  if (open.length === 0) runtime.earlyReturn(null);
  const warehouses = stash.warehouses ?? [];
  const products: string[] = [];
  for (const line of open) if (products.indexOf(line.productId) < 0) products.push(line.productId);
  if (warehouses.length === 0) {
    fail('No warehouse holds these products.', 'NotFound', { lines: open.map((l) => ({ productId: l.productId, warehouseId: null })) });
  }
  if (products.length * warehouses.length > 100) invalid('input.lines', 'too many lines without warehouseId; name the warehouse');
  const keys = products.flatMap((p) => warehouses.map((w) => util.dynamodb.toMapValues(inventoryKey(p, w))));
  const tables: DynamoDBBatchGetItemRequest['tables'] = {};
  tables[ctx.env.TABLE_NAME as string] = { keys, consistentRead: true };
  return { operation: 'BatchGetItem', tables };
}

export function response(ctx: StockContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  // Throttled batch reads come back partial, not failed: a missing key is no proof of no stock.
  const unprocessed = ctx.result.unprocessedKeys ?? {};
  if (Object.values(unprocessed).some((keys) => keys.length > 0)) {
    fail('Stock could not be read completely; retry with the same request id.', 'Conflict', { retryable: true });
  }
  const data = ctx.result.data[ctx.env.TABLE_NAME as string] ?? [];
  const stock: { productId: string; warehouseId: string; available: number }[] = [];
  for (const r of data) if (r !== null) stock.push({ productId: r.productId, warehouseId: r.warehouseId, available: r.available });
  const missing: { productId: string; warehouseId: null }[] = [];
  const allocated: AllocatedLine[] = [];
  const servableAtRead: string[] = [];
  const shortAtRead: string[] = [];
  // Lines that name their warehouse take their units first; the others share what is left.
  for (const line of stash.lines) {
    const named = stock.find((s) => s.productId === line.productId && s.warehouseId === line.warehouseId);
    if (named) named.available = named.available - line.quantity;
  }
  for (const line of stash.lines) {
    const candidates = stock.filter((s) => s.productId === line.productId);
    if (line.warehouseId !== null) {
      allocated.push({ productId: line.productId, warehouseId: line.warehouseId, quantity: line.quantity });
    } else if (candidates.length === 0) {
      missing.push({ productId: line.productId, warehouseId: null });
    } else {
      // Prefer a warehouse that serves the whole line, then the most available; the id breaks ties.
      let best = candidates[0]!;
      for (const c of candidates) {
        const serves = c.available >= line.quantity;
        const bestServes = best.available >= line.quantity;
        const better =
          (serves && !bestServes) ||
          (serves === bestServes && (c.available > best.available || (c.available === best.available && c.warehouseId < best.warehouseId)));
        if (better) best = c;
      }
      if (best.available >= line.quantity) servableAtRead.push(pairKey(line.productId, best.warehouseId));
      else shortAtRead.push(pairKey(line.productId, best.warehouseId));
      best.available = best.available - line.quantity;
      allocated.push({ productId: line.productId, warehouseId: best.warehouseId, quantity: line.quantity });
    }
  }
  if (missing.length > 0) fail('Some products have no stock record in any warehouse.', 'NotFound', { lines: missing });
  stash.allocated = allocated;
  stash.servableAtRead = servableAtRead;
  stash.shortAtRead = shortAtRead;
  return null;
}
