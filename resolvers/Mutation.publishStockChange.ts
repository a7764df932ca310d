import type { Context } from '@aws-appsync/utils';
import { requireId, requireInt } from './lib/validate';
import type { MutationPublishStockChangeArgs, StockChange } from './generated/graphql';

const MAX_UNITS = 2_000_000_000;

/**
 * Internal (IAM only, NONE data source): the stream publisher calls it for every stock change; its
 * result is what `onStockChanged*` subscribers receive. Nothing is written.
 */
export function request(ctx: Context<MutationPublishStockChangeArgs>): { payload: StockChange } {
  const input = ctx.args.input;
  requireId('input.productId', input.productId);
  requireId('input.warehouseId', input.warehouseId);
  requireInt('input.sequence', input.sequence, 0, MAX_UNITS);
  requireInt('input.reserved', input.reserved, 0, MAX_UNITS);
  return {
    payload: {
      productId: input.productId,
      warehouseId: input.warehouseId,
      onHand: input.onHand,
      reserved: input.reserved,
      available: input.available,
      threshold: input.threshold,
      status: input.status,
      sequence: input.sequence,
      reason: input.reason ?? null,
      at: input.at,
    },
  };
}

export function response(ctx: Context<MutationPublishStockChangeArgs>): StockChange {
  return ctx.result as StockChange;
}
