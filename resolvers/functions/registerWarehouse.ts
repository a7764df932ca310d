/**
 * Shared pipeline function, the last step of admin stock writes (setStock, receiveStock): registers
 * the warehouse, so lines without one can be allocated to it. It runs after the item write
 * succeeded, so a refused write registers nothing.
 */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from '../lib/errors';
import { warehouseRegistryKey } from '../../model/keys';

/** Idempotent put of the registry row. */
export function request(ctx: Context): DynamoDBPutItemRequest {
  const warehouseId = (ctx.stash as { warehouseId: string }).warehouseId;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(warehouseRegistryKey(warehouseId)),
    attributeValues: util.dynamodb.toMapValues({ entity: 'Warehouse', warehouseId }),
  };
}

/** Passes the stock item written by the previous step on. */
export function response(ctx: Context): unknown {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.prev.result;
}
