/**
 * Pipeline steps shared by reserveStock and commitStock: lines without a warehouse are allocated
 * to the warehouse with the most available stock that can serve the whole line (ties: the
 * warehouse id that sorts first). When none can, the line goes to the warehouse with the most
 * available stock, so the transaction names it as short. The write's own condition is still the
 * oversell guard: allocation only picks, it never promises.
 */
import { runtime, util, type Context, type DynamoDBBatchGetItemRequest, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { fail, invalid, raiseDataSourceError } from './errors';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import type { AllocatedLine, RequestedLine } from './lines';

export interface AllocationStash {
  lines: RequestedLine[];
  warehouses?: string[];
  allocated?: AllocatedLine[];
}

function unallocated(stash: AllocationStash): RequestedLine[] {
  return stash.lines.filter((l) => l.warehouseId === null);
}

/** Step 1: the warehouse registry, read only when some line has no warehouse. */
export function loadWarehousesRequest(ctx: Context): DynamoDBQueryRequest {
  const stash = ctx.stash as AllocationStash;
  if (unallocated(stash).length === 0) runtime.earlyReturn(null);
  return {
    operation: 'Query',
    query: { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: util.dynamodb.toMapValues({ ':pk': 'WAREHOUSES' }) },
    consistentRead: true,
    limit: 1000,
  };
}

export function loadWarehousesResponse(ctx: Context): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const items = ((ctx.result as { items: { warehouseId: string }[] }).items ?? []).map((w) => w.warehouseId);
  items.sort();
  (ctx.stash as AllocationStash).warehouses = items;
  return null;
}

/** Step 2: the stock of each unallocated product in every warehouse, in one BatchGetItem. */
export function loadStockRequest(ctx: Context): DynamoDBBatchGetItemRequest {
  const stash = ctx.stash as AllocationStash;
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

export function loadStockResponse(ctx: Context): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash as AllocationStash;
  // Throttled batch reads come back partial, not failed: a missing key is no proof of no stock.
  const unprocessed = (ctx.result as { unprocessedKeys?: Record<string, unknown[]> }).unprocessedKeys ?? {};
  if (Object.values(unprocessed).some((keys) => keys.length > 0)) {
    fail('Stock could not be read completely; retry with the same request id.', 'Conflict', { retryable: true });
  }
  const data = (ctx.result as { data: Record<string, (InventoryRecord | null)[]> }).data[ctx.env.TABLE_NAME as string] ?? [];
  const stock: { productId: string; warehouseId: string; available: number }[] = data
    .filter((r) => r !== null)
    .map((r) => ({ productId: (r as InventoryRecord).productId, warehouseId: (r as InventoryRecord).warehouseId, available: (r as InventoryRecord).available }));
  const missing: { productId: string; warehouseId: null }[] = [];
  const allocated: AllocatedLine[] = [];
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
        const better = (serves && !bestServes) || (serves === bestServes && (c.available > best.available || (c.available === best.available && c.warehouseId < best.warehouseId)));
        if (better) best = c;
      }
      best.available = best.available - line.quantity;
      allocated.push({ productId: line.productId, warehouseId: best.warehouseId, quantity: line.quantity });
    }
  }
  if (missing.length > 0) fail('Some products have no stock record in any warehouse.', 'NotFound', { lines: missing });
  stash.allocated = allocated;
  return null;
}
