import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ProductConnection, QueryProductsByCategoryArgs } from './generated/graphql';
import { BY_NAME_INDEX, BY_POPULARITY_INDEX, categoryPartition } from '../model/catalog/keys';
import { productPageLimit, productsOf, raisePageError, requireCategory } from './lib/catalog';
import type { UnitContext } from './lib/context';

type FieldContext = UnitContext<QueryProductsByCategoryArgs, { items: unknown[]; nextToken?: string | null }>;

/**
 * One Query of one index partition: by popularity (gsi9, descending: its sort key is the padded
 * popularity, rewritten with every increment) or by name (gsi10, ascending folded name).
 */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  const category = requireCategory('category', ctx.args.category);
  const limit = productPageLimit(ctx.args.limit);
  const byName = ctx.args.sort === 'NAME';
  const index = byName ? BY_NAME_INDEX : BY_POPULARITY_INDEX;
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index,
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': `${index}pk` },
      expressionValues: util.dynamodb.toMapValues({ ':pk': categoryPartition(category) }),
    },
    scanIndexForward: byName,
    limit,
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: FieldContext): ProductConnection {
  if (ctx.error) return raisePageError(ctx.error);
  return { items: productsOf(ctx.result.items), nextToken: ctx.result.nextToken ?? null };
}
