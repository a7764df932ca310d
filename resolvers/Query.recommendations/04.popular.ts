/** The overall most popular products (gsi11, descending): other categories and the fallback. */
import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryRecommendationsArgs } from '../generated/graphql';
import { ALL_BY_POPULARITY_INDEX, ALL_PRODUCTS_PARTITION } from '../../model/catalog/keys';
import type { ProductRecord } from '../../model/catalog/records';
import type { StepContext } from '../lib/context';
import { raiseDataSourceError } from '../lib/errors';
import { MAX_CANDIDATES, type RecommendationStash } from '../lib/recommendations';

type PopularContext = StepContext<QueryRecommendationsArgs, RecommendationStash, null, { items: ProductRecord[] }>;

export function request(ctx: PopularContext): DynamoDBQueryRequest {
  const stash = ctx.stash;
  return {
    operation: 'Query',
    index: ALL_BY_POPULARITY_INDEX,
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': `${ALL_BY_POPULARITY_INDEX}pk` },
      expressionValues: util.dynamodb.toMapValues({ ':pk': ALL_PRODUCTS_PARTITION }),
    },
    scanIndexForward: false,
    limit: Math.min(MAX_CANDIDATES, 2 * stash.limit + stash.boughtCount),
  };
}

export function response(ctx: PopularContext): ProductRecord[] {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.result.items;
}
