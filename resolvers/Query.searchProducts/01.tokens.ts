/** The search tokens of one page: words starting with the prefix, in word order, then product id. */
import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QuerySearchProductsArgs } from '../generated/graphql';
import { CATEGORY_SEARCH_INDEX, categorySearchPartition, SEARCH_INDEX, searchPartition } from '../../model/catalog/keys';
import type { SearchTokenRecord } from '../../model/catalog/records';
import { raisePageError } from '../lib/catalog';
import type { SearchStash } from '../lib/catalog-search';
import type { StepContext } from '../lib/context';

type TokensContext = StepContext<
  QuerySearchProductsArgs,
  SearchStash,
  Record<string, never>,
  { items: SearchTokenRecord[]; nextToken?: string | null }
>;

export function request(ctx: TokensContext): DynamoDBQueryRequest {
  const stash = ctx.stash;
  const first = stash.prefix.charAt(0);
  const index = stash.category ? CATEGORY_SEARCH_INDEX : SEARCH_INDEX;
  const partition = stash.category ? categorySearchPartition(stash.category, first) : searchPartition(first);
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index,
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :prefix)',
      expressionNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
      expressionValues: util.dynamodb.toMapValues({ ':pk': partition, ':prefix': stash.prefix }),
    },
    limit: stash.limit,
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: TokensContext): null {
  if (ctx.error) return raisePageError(ctx.error);
  // A product with two matching words ("cafe", "cafetiere") appears once per page.
  const ids: string[] = [];
  for (const token of ctx.result.items) if (token.productId && ids.indexOf(token.productId) < 0) ids.push(token.productId);
  ctx.stash.productIds = ids;
  ctx.stash.nextToken = ctx.result.nextToken ?? null;
  return null;
}
