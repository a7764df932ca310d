/**
 * Shared pipeline function, the last step of admin stock writes (setStock, receiveStock): registers
 * the warehouse, so lines without one can be allocated to it. It runs after the item write
 * succeeded, so a refused write registers nothing.
 */
import { util, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { InventoryItem } from '../generated/graphql';
import type { AdminStockStash } from '../lib/admin-stock';
import type { StepContext } from '../lib/context';
import { raiseDataSourceError } from '../lib/errors';
import { warehouseRegistryKey } from '../../model/keys';

/** Idempotent put of the registry row. */
/** Runs after the item write: its result is the stock item, passed on unchanged. */
type RegisterContext = StepContext<unknown, AdminStockStash, InventoryItem>;

export function request(ctx: RegisterContext): DynamoDBPutItemRequest {
  const warehouseId = ctx.stash.warehouseId;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(warehouseRegistryKey(warehouseId)),
    attributeValues: util.dynamodb.toMapValues({ entity: 'Warehouse', warehouseId }),
  };
}

/** Passes the stock item written by the previous step on. */
export function response(ctx: RegisterContext): InventoryItem {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.prev.result;
}
