import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Product, ProductStock } from './generated/graphql';
import type { Context } from '@aws-appsync/utils';
import type { InventoryRecord } from '../model/records';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { productStockOf, productStockQuery } from './lib/product-stock';

type FieldContext = Context<Record<string, never>, Record<string, never>, undefined, Product, { items: InventoryRecord[] }>;

/** A product's stock: the same single-partition read as Query.productStock, and the same scope rule. */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  return productStockQuery((ctx.source as Product).id);
}

export function response(ctx: FieldContext): ProductStock | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return productStockOf((ctx.source as Product).id, ctx.result.items);
}
