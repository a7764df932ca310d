import type { Context } from '@aws-appsync/utils';
import type { Alert, MutationPublishAlertArgs } from './generated/graphql';
import { requireId } from './lib/validate';

/**
 * Internal (IAM only, NONE data source): the low-stock alerter calls it for each alert it opens;
 * its result is what `onLowStock` subscribers receive. Nothing is written.
 */
export function request(ctx: Context<MutationPublishAlertArgs>): { payload: Alert } {
  const input = ctx.args.input;
  requireId('input.productId', input.productId);
  requireId('input.warehouseId', input.warehouseId);
  return {
    payload: {
      id: input.id,
      type: input.type,
      productId: input.productId,
      warehouseId: input.warehouseId,
      available: input.available,
      onHand: input.onHand,
      threshold: input.threshold,
      status: input.status,
      createdAt: input.createdAt,
      resolvedAt: input.resolvedAt ? input.resolvedAt : null,
    },
  };
}

export function response(ctx: Context<MutationPublishAlertArgs>): Alert {
  return ctx.result as Alert;
}
