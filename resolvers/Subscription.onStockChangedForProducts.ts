import { extensions, util, type Context } from '@aws-appsync/utils';
import { actorOf, requireScope } from './lib/identity';
import { productsFilter, requireProductIds } from './lib/stock-subscriptions';
import type { SubscriptionOnStockChangedForProductsArgs } from './generated/graphql';

/** Runs once, when the subscription starts: checks the list (refused before anything is registered). */
export function request(ctx: Context<SubscriptionOnStockChangedForProductsArgs>): { payload: null } {
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  requireProductIds(ctx.args.productIds);
  return { payload: null };
}

/** An enhanced filter with `in` replaces argument matching (a list argument never equals a field). */
export function response(ctx: Context<SubscriptionOnStockChangedForProductsArgs>): null {
  const ids = requireProductIds(ctx.args.productIds);
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(productsFilter(ids)));
  return null;
}
