/** The before-handler of admin stock writes: admin only, ids validated, stash shared by the steps. */
import type { BeforeContext } from './context';
import { actorOf } from './identity';
import { requireId } from './validate';

export interface AdminStockStash {
  actor: string;
  productId: string;
  warehouseId: string;
}

export function beginAdminStockWrite<Args extends { input: { productId: string; warehouseId: string } }>(
  ctx: BeforeContext<Args, AdminStockStash>,
): Record<string, never> {
  const actor = actorOf(ctx.identity);
  const stash = ctx.stash;
  stash.actor = actor.label;
  stash.productId = requireId('input.productId', ctx.args.input.productId);
  stash.warehouseId = requireId('input.warehouseId', ctx.args.input.warehouseId);
  return {};
}
