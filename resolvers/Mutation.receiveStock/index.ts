/**
 * receiveStock: validate (before) → add the units (01; with a requestId, in one transaction with
 * its idempotency record) → read the item back when the write could not return it (02) →
 * register the warehouse (03).
 */
import type { InventoryItem, MutationReceiveStockArgs } from '../generated/graphql';
import { beginAdminStockWrite, type AdminStockStash } from '../lib/admin-stock';
import type { BeforeContext, StepContext } from '../lib/context';
import { invalid } from '../lib/errors';
import { requireId, requireInt } from '../lib/validate';

const MAX_RECEIVE = 1000000;

export function request(ctx: BeforeContext<MutationReceiveStockArgs, AdminStockStash>): Record<string, never> {
  const input = ctx.args.input;
  requireInt('input.quantity', input.quantity, 1, MAX_RECEIVE);
  if (input.reference !== undefined && input.reference !== null && (typeof input.reference !== 'string' || input.reference.length > 200)) {
    invalid('input.reference', 'must be at most 200 characters');
  }
  if (input.requestId !== undefined && input.requestId !== null) requireId('input.requestId', input.requestId);
  return beginAdminStockWrite(ctx);
}

export function response(ctx: StepContext<MutationReceiveStockArgs, AdminStockStash, InventoryItem>): InventoryItem {
  return ctx.prev.result;
}
