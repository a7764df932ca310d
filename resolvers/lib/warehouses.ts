/**
 * Last step of admin stock writes: register the warehouse, so lines without one can be allocated
 * to it. It runs after the item write succeeded, so a refused write registers nothing.
 */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from './errors';
import { warehouseRegistryKey } from '../../model/keys';

/** Idempotent put of the registry row. */
export function registerWarehouseRequest(ctx: Context): DynamoDBPutItemRequest {
  const warehouseId = (ctx.stash as { warehouseId: string }).warehouseId;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(warehouseRegistryKey(warehouseId)),
    attributeValues: util.dynamodb.toMapValues({ entity: 'Warehouse', warehouseId }),
  };
}

/** Passes the stock item written by the previous step on. */
export function registerWarehouseResponse(ctx: Context): unknown {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.prev.result;
}
