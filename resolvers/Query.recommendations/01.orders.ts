/** The customer's newest orders (one Query of the orders-by-customer index): what they bought. */
import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryRecommendationsArgs } from '../generated/graphql';
import { ORDER_SORT_PREFIX } from '../../model/orders/keys';
import type { OrderRecord } from '../../model/orders/records';
import type { StepContext } from '../lib/context';
import { raiseDataSourceError } from '../lib/errors';
import { ORDERS_READ, PROFILE_PRODUCTS, type RecommendationStash } from '../lib/recommendations';

type OrdersContext = StepContext<QueryRecommendationsArgs, RecommendationStash, Record<string, never>, { items: OrderRecord[] }>;

export function request(ctx: OrdersContext): DynamoDBQueryRequest {
  const stash = ctx.stash;
  return {
    operation: 'Query',
    index: stash.index,
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :orders)',
      expressionNames: { '#pk': `${stash.index}pk`, '#sk': `${stash.index}sk` },
      expressionValues: util.dynamodb.toMapValues({ ':pk': stash.partition, ':orders': ORDER_SORT_PREFIX }),
    },
    scanIndexForward: false,
    limit: ORDERS_READ,
  };
}

export function response(ctx: OrdersContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  for (const order of ctx.result.items) {
    for (const item of order.items ?? []) {
      if (!stash.bought[item.productId]) {
        stash.bought[item.productId] = true;
        stash.boughtCount = stash.boughtCount + 1;
        if (stash.recent.length < PROFILE_PRODUCTS) stash.recent.push(item.productId);
      }
    }
  }
  return null;
}
