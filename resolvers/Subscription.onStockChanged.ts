import { util, type Context } from '@aws-appsync/utils';
import { actorOf, requireScope } from './lib/identity';
import { requireId } from './lib/validate';
import type { SubscriptionOnStockChangedArgs } from './generated/graphql';

/**
 * Runs once, when the subscription starts. It sets no filter, so AppSync's argument matching
 * applies: productId (and warehouseId when given) must equal the change's.
 */
export function request(ctx: Context<SubscriptionOnStockChangedArgs>): { payload: null } {
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  requireId('productId', ctx.args.productId);
  if (ctx.args.warehouseId !== undefined && ctx.args.warehouseId !== null) requireId('warehouseId', ctx.args.warehouseId);
  return { payload: null };
}

export function response(): null {
  return null;
}
