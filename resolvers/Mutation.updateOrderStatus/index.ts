/** updateOrderStatus: load (01) → conditional status write, `status IN allowed-from` [AND = expectedStatus] (02). */
import type { Context } from '@aws-appsync/utils';
import type { MutationUpdateOrderStatusArgs, Order } from '../generated/graphql';
import { beginOrderTransition } from '../lib/order-transition';
import type { OrderTransitionStash } from '../lib/order-stash';

type Ctx = Context<MutationUpdateOrderStatusArgs, OrderTransitionStash, { result: Order }, Record<string, never>, Order>;

export function request(ctx: Ctx): Record<string, never> {
  const expected = ctx.args.expectedStatus === undefined || ctx.args.expectedStatus === null ? null : ctx.args.expectedStatus;
  return beginOrderTransition(ctx, ctx.args.status, expected, null);
}

export function response(ctx: Ctx): Order {
  return ctx.prev.result;
}
