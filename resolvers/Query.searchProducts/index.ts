/**
 * searchProducts: validate and fold the prefix (before) → one Query of the search tokens whose
 * word starts with it (01; gsi11, or gsi10 within a category) → one BatchGetItem of their
 * products (02). Strongly paged: the page's nextToken is the token Query's.
 */
import type { ProductConnection, QuerySearchProductsArgs } from '../generated/graphql';
import { wordsOf } from '../../model/catalog/normalize';
import { productPageLimit, requireCategory } from '../lib/catalog';
import type { BeforeContext, StepContext } from '../lib/context';
import { invalid } from '../lib/errors';
import type { SearchStash } from '../lib/catalog-search';

export function request(ctx: BeforeContext<QuerySearchProductsArgs, SearchStash>): Record<string, never> {
  const args = ctx.args;
  if (typeof args.prefix !== 'string' || args.prefix.length > 64) invalid('prefix', 'must be one word of at most 64 characters');
  const words = wordsOf(args.prefix);
  if (words.length !== 1) invalid('prefix', 'must be exactly one word (letters or digits)');
  ctx.stash.prefix = words[0] as string;
  ctx.stash.category = args.category === undefined || args.category === null ? null : requireCategory('category', args.category);
  ctx.stash.limit = productPageLimit(args.limit);
  return {};
}

export function response(ctx: StepContext<QuerySearchProductsArgs, SearchStash, ProductConnection>): ProductConnection {
  return ctx.prev.result;
}
