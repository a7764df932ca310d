/** The page's products in one BatchGetItem (at most 100 keys: the page limit), in token order. */
import { runtime, util, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import type { ProductConnection, QuerySearchProductsArgs } from '../generated/graphql';
import { productKey } from '../../model/catalog/keys';
import { productsOf } from '../lib/catalog';
import type { SearchStash } from '../lib/catalog-search';
import type { StepContext } from '../lib/context';
import { fail, raiseDataSourceError } from '../lib/errors';

type BatchResult = { data: Record<string, (Record<string, unknown> | null)[]>; unprocessedKeys: Record<string, unknown[]> };
type ProductsContext = StepContext<QuerySearchProductsArgs, SearchStash, null, BatchResult>;

export function request(ctx: ProductsContext): DynamoDBBatchGetItemRequest {
  const stash = ctx.stash;
  if (stash.productIds.length === 0) runtime.earlyReturn({ items: [], nextToken: stash.nextToken });
  const keys = stash.productIds.map((id) => util.dynamodb.toMapValues(productKey(id)));
  return { operation: 'BatchGetItem', tables: { [ctx.env.TABLE_NAME as string]: { keys, consistentRead: false } } };
}

export function response(ctx: ProductsContext): ProductConnection {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const table = ctx.env.TABLE_NAME as string;
  if ((ctx.result.unprocessedKeys[table] ?? []).length > 0)
    return fail('The catalog is busy; retry the search.', 'Conflict', { retryable: true });
  const found = productsOf(ctx.result.data[table] ?? []);
  // BatchGetItem keeps no order: put the products back in the tokens' order.
  const ordered = ctx.stash.productIds.map((id) => found.find((p) => p.id === id)).filter((p) => !!p);
  return { items: ordered, nextToken: ctx.stash.nextToken };
}
