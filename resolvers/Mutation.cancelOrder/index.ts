/** cancelOrder: load (01) → CANCELED from PENDING or PAID, restocking committed stock in the same transaction (02). */
import type { Context } from '@aws-appsync/utils';
import type { MutationCancelOrderArgs, Order } from '../generated/graphql';
import { beginOrderTransition } from '../lib/order-transition';
import type { OrderTransitionStash } from '../lib/order-stash';

type Ctx = Context<MutationCancelOrderArgs, OrderTransitionStash, { result: Order }, Record<string, never>, Order>;

export function request(ctx: Ctx): Record<string, never> {
  const reason = ctx.args.reason === undefined || ctx.args.reason === null ? null : ctx.args.reason;
  return beginOrderTransition(ctx, 'CANCELED', null, reason);
}

export function response(ctx: Ctx): Order {
  return ctx.prev.result;
}
