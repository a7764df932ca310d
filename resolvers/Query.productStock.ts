import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ProductStock, QueryProductStockArgs } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import type { InventoryRecord } from '../model/records';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';
import { productStockOf, productStockQuery } from './lib/product-stock';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryProductStockArgs, { items: InventoryRecord[] }>;

/** Every warehouse of one product in a single strongly consistent Query (one partition). */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  // The storefront key reads stock publicly; a partner key needs its inventory:read scope.
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  const productId = requireId('productId', ctx.args.productId);
  return productStockQuery(productId);
}

export function response(ctx: FieldContext): ProductStock | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return productStockOf(ctx.args.productId, ctx.result.items);
}
