import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Product, QueryProductArgs } from './generated/graphql';
import { productKey } from '../model/catalog/keys';
import type { ProductRecord } from '../model/catalog/records';
import { toProduct } from './lib/catalog';
import type { UnitContext } from './lib/context';
import { raiseDataSourceError } from './lib/errors';
import { requireId } from './lib/validate';

type FieldContext = UnitContext<QueryProductArgs, ProductRecord | null>;

/** One strongly consistent read of the product record (public: every auth mode may read it). */
export function request(ctx: FieldContext): DynamoDBGetItemRequest {
  const id = requireId('id', ctx.args.id);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(productKey(id)), consistentRead: true };
}

export function response(ctx: FieldContext): Product | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  if (!ctx.result || ctx.result.entity !== 'Product') return null;
  return toProduct(ctx.result);
}
