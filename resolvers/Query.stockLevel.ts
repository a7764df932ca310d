import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { toInventoryItem } from './lib/inventory';
import { inventoryKey } from '../model/keys';
import type { InventoryRecord } from '../model/records';
import { requireId } from './lib/validate';
import type { InventoryItem, QueryStockLevelArgs } from './generated/graphql';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryStockLevelArgs, InventoryRecord | null>;

export function request(ctx: FieldContext): DynamoDBGetItemRequest {
  // The storefront key reads stock publicly; a partner key needs its inventory:read scope.
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  const productId = requireId('productId', ctx.args.productId);
  const warehouseId = requireId('warehouseId', ctx.args.warehouseId);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(inventoryKey(productId, warehouseId)), consistentRead: true };
}

export function response(ctx: FieldContext): InventoryItem | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const record = ctx.result;
  return record ? toInventoryItem(record) : null;
}
