/** setStock: validate (before) → compare-and-set the item (01) → register its warehouse (02). */
import type { InventoryItem, MutationSetStockArgs } from '../generated/graphql';
import { beginAdminStockWrite, type AdminStockStash } from '../lib/admin-stock';
import type { BeforeContext, StepContext } from '../lib/context';
import { MAX_UNITS } from '../../model/retention';
import { requireInt } from '../lib/validate';

export function request(ctx: BeforeContext<MutationSetStockArgs, AdminStockStash>): Record<string, never> {
  const input = ctx.args.input;
  // Validate everything before the first write, so bad input changes nothing.
  requireInt('input.onHand', input.onHand, 0, MAX_UNITS);
  if (input.threshold !== undefined && input.threshold !== null) requireInt('input.threshold', input.threshold, 0, MAX_UNITS);
  if (input.expectedVersion !== undefined && input.expectedVersion !== null)
    requireInt('input.expectedVersion', input.expectedVersion, 0, MAX_UNITS);
  return beginAdminStockWrite(ctx);
}

export function response(ctx: StepContext<MutationSetStockArgs, AdminStockStash, InventoryItem>): InventoryItem {
  return ctx.prev.result;
}
