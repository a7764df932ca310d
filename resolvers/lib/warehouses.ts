/** First step of admin stock writes: register the warehouse, so lines without one can be allocated to it. */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from './errors';
import { warehouseRegistryKey } from './inventory';

/** Idempotent put; harmless if the stock write after it fails (an empty warehouse allocates nothing). */
export function registerWarehouseRequest(ctx: Context): DynamoDBPutItemRequest {
  const warehouseId = (ctx.stash as { warehouseId: string }).warehouseId;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(warehouseRegistryKey(warehouseId)),
    attributeValues: util.dynamodb.toMapValues({ entity: 'Warehouse', warehouseId }),
  };
}

export function registerWarehouseResponse(ctx: Context): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return null;
}
