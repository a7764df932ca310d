/**
 * recommendations: authorize and validate (before) → the customer's last 100 orders (01; a
 * partner reads only its own) → the categories of up to 100 bought products (02) → the top
 * category by popularity (03) → all products by popularity (04) → rank (after). Five reads at
 * most, each bounded: the cost does not grow with the catalog (docs/catalog.md).
 */
import type { Product, QueryRecommendationsArgs } from '../generated/graphql';
import { isCustomerId } from '../../model/orders/ids';
import { customerIndexPartition, partnerCustomerIndexPartition } from '../../model/orders/keys';
import type { ProductRecord } from '../../model/catalog/records';
import type { BeforeContext, StepContext } from '../lib/context';
import { invalid } from '../lib/errors';
import { actorOf, requireScope } from '../lib/identity';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS, rankRecommendations, type RecommendationStash } from '../lib/recommendations';
import { requireInt } from '../lib/validate';

export function request(ctx: BeforeContext<QueryRecommendationsArgs, RecommendationStash>): Record<string, never> {
  const actor = actorOf(ctx.identity);
  // Recommendations reveal purchase history: partners need orders:read and see their own orders only.
  requireScope(actor, 'orders:read');
  if (!isCustomerId(ctx.args.customerId))
    invalid('customerId', 'must be 3-64 letters, digits, "_" or "-", starting with a letter or digit');
  const stash = ctx.stash;
  stash.limit =
    ctx.args.limit === undefined || ctx.args.limit === null
      ? DEFAULT_RECOMMENDATIONS
      : requireInt('limit', ctx.args.limit, 1, MAX_RECOMMENDATIONS);
  const partner = actor.kind === 'partner' && actor.partnerId;
  stash.index = partner ? 'gsi3' : 'gsi2';
  stash.partition = partner
    ? partnerCustomerIndexPartition(actor.partnerId as string, ctx.args.customerId)
    : customerIndexPartition(ctx.args.customerId);
  stash.bought = {};
  stash.boughtCount = 0;
  stash.recent = [];
  stash.categories = {};
  stash.topCategory = null;
  stash.categoryPicks = [];
  return {};
}

export function response(ctx: StepContext<QueryRecommendationsArgs, RecommendationStash, ProductRecord[]>): Product[] {
  return rankRecommendations(ctx.stash, ctx.prev.result ?? []);
}
