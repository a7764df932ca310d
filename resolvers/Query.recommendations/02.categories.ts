/** The categories of the most recently bought products (one BatchGetItem of at most 100 keys). */
import { runtime, util, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import type { QueryRecommendationsArgs } from '../generated/graphql';
import { productKey } from '../../model/catalog/keys';
import type { StepContext } from '../lib/context';
import { raiseDataSourceError } from '../lib/errors';
import { topCategoryOf, type RecommendationStash } from '../lib/recommendations';

type BatchResult = { data: Record<string, ({ entity?: string; category?: string } | null)[]> };
type CategoriesContext = StepContext<QueryRecommendationsArgs, RecommendationStash, null, BatchResult>;

export function request(ctx: CategoriesContext): DynamoDBBatchGetItemRequest {
  const stash = ctx.stash;
  if (stash.recent.length === 0) runtime.earlyReturn(null);
  const keys = stash.recent.map((id) => util.dynamodb.toMapValues(productKey(id)));
  return {
    operation: 'BatchGetItem',
    tables: {
      [ctx.env.TABLE_NAME as string]: {
        keys,
        consistentRead: false,
        projection: { expression: '#entity, #category', expressionNames: { '#entity': 'entity', '#category': 'category' } },
      },
    },
  };
}

export function response(ctx: CategoriesContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  // Unprocessed keys only thin the profile: the ranking still holds without them.
  for (const record of ctx.result.data[ctx.env.TABLE_NAME as string] ?? []) {
    if (record && record.entity === 'Product' && record.category) {
      stash.categories[record.category] = (stash.categories[record.category] ?? 0) + 1;
    }
  }
  stash.topCategory = topCategoryOf(stash.categories);
  return null;
}
