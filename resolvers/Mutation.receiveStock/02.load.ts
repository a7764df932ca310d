/** Reads the stock item back after a transactional (or retried) delivery; skipped otherwise. */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { InventoryItem } from '../generated/graphql';
import type { AdminStockStash } from '../lib/admin-stock';
import { raiseDataSourceError } from '../lib/errors';
import { toInventoryItem } from '../lib/inventory';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';

export function request(ctx: Context): DynamoDBGetItemRequest {
  const stash = ctx.stash as AdminStockStash & { readBack?: boolean };
  if (!stash.readBack) runtime.earlyReturn(ctx.prev.result);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)), consistentRead: true };
}

export function response(ctx: Context): InventoryItem {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return toInventoryItem(ctx.result as InventoryRecord);
}
