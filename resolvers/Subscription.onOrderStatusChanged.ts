import { extensions, util, type Context } from '@aws-appsync/utils';
import { actorOf, requireScope } from './lib/identity';
import { requireId } from './lib/validate';
import type { SubscriptionOnOrderStatusChangedArgs } from './generated/graphql';

/**
 * Runs once, when the subscription starts. Admins get argument matching (the customer's orders);
 * a partner (orders:read) gets an enhanced filter that also requires its own partner id, so
 * another partner's orders (and an admin's, whose partnerId is null) never reach it.
 */
export function request(ctx: Context<SubscriptionOnOrderStatusChangedArgs>): { payload: null } {
  requireScope(actorOf(ctx.identity), 'orders:read');
  requireId('customerId', ctx.args.customerId);
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnOrderStatusChangedArgs>): null {
  const actor = actorOf(ctx.identity);
  if (actor.kind === 'partner') {
    extensions.setSubscriptionFilter(
      util.transform.toSubscriptionFilter({ customerId: { eq: ctx.args.customerId }, partnerId: { eq: actor.partnerId } }),
    );
  }
  return null;
}
