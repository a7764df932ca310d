/** The top category's most popular products (gsi9, descending), enough to skip what was bought there. */
import { runtime, util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryRecommendationsArgs } from '../generated/graphql';
import { BY_POPULARITY_INDEX, categoryPartition } from '../../model/catalog/keys';
import type { ProductRecord } from '../../model/catalog/records';
import type { StepContext } from '../lib/context';
import { raiseDataSourceError } from '../lib/errors';
import { MAX_CANDIDATES, type RecommendationStash } from '../lib/recommendations';

type CategoryContext = StepContext<QueryRecommendationsArgs, RecommendationStash, null, { items: ProductRecord[] }>;

export function request(ctx: CategoryContext): DynamoDBQueryRequest {
  const stash = ctx.stash;
  if (!stash.topCategory) runtime.earlyReturn(null);
  const boughtThere = stash.categories[stash.topCategory] ?? 0;
  return {
    operation: 'Query',
    index: BY_POPULARITY_INDEX,
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': `${BY_POPULARITY_INDEX}pk` },
      expressionValues: util.dynamodb.toMapValues({ ':pk': categoryPartition(stash.topCategory) }),
    },
    scanIndexForward: false,
    limit: Math.min(MAX_CANDIDATES, stash.limit + boughtThere),
  };
}

export function response(ctx: CategoryContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  ctx.stash.categoryPicks = ctx.result.items;
  return null;
}
