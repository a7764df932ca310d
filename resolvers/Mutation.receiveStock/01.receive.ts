/** Adds received units: onHand and available rise together; creates the item on first delivery. */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { InventoryItem, MutationReceiveStockArgs } from '../generated/graphql';
import type { AdminStockStash } from '../lib/admin-stock';
import { raiseDataSourceError } from '../lib/errors';
import { inventoryKey, ITEM_UPSERT_NAMES, toInventoryItem, type InventoryRecord } from '../lib/inventory';

export function request(ctx: Context<MutationReceiveStockArgs>): DynamoDBUpdateItemRequest {
  const stash = ctx.stash as AdminStockStash;
  const quantity = ctx.args.input.quantity;
  const now = util.time.nowISO8601();
  const reference = ctx.args.input.reference ?? null;
  const sets = [
    '#onHand = if_not_exists(#onHand, :zero) + :q',
    '#available = if_not_exists(#available, :zero) + :q',
    '#reserved = if_not_exists(#reserved, :zero)',
    '#threshold = if_not_exists(#threshold, :zero)',
    '#version = if_not_exists(#version, :zero) + :one',
    '#sequence = if_not_exists(#sequence, :zero) + :one',
    '#updatedAt = :now',
    '#productId = :productId',
    '#warehouseId = :warehouseId',
    '#entity = :entity',
    '#lastMovement = :movement',
  ];
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: ITEM_UPSERT_NAMES,
      expressionValues: util.dynamodb.toMapValues({
        ':zero': 0,
        ':one': 1,
        ':q': quantity,
        ':now': now,
        ':productId': stash.productId,
        ':warehouseId': stash.warehouseId,
        ':entity': 'InventoryItem',
        ':movement': { reason: 'RECEIVED', actor: stash.actor, reference, onHandDelta: quantity, reservedDelta: 0, at: now },
      }),
    },
  };
}

export function response(ctx: Context<MutationReceiveStockArgs>): InventoryItem {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return toInventoryItem(ctx.result as InventoryRecord);
}
