/** Reads the stock item back after a transactional (or retried) delivery; skipped otherwise. */
import { runtime, util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { InventoryItem, MutationReceiveStockArgs } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import type { ReceiveStash } from './01.receive';
import { raiseDataSourceError } from '../lib/errors';
import { toInventoryItem } from '../lib/inventory';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';

/** Runs after 01.receive: its result is the item, or null when this step reads it back. */
type LoadContext = StepContext<MutationReceiveStockArgs, ReceiveStash, InventoryItem | null, InventoryRecord>;

export function request(ctx: LoadContext): DynamoDBGetItemRequest {
  const stash = ctx.stash;
  if (!stash.readBack) runtime.earlyReturn(ctx.prev.result);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)), consistentRead: true };
}

export function response(ctx: LoadContext): InventoryItem {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return toInventoryItem(ctx.result);
}
