import type { Context } from '@aws-appsync/utils';
import { isOrderId } from '../model/orders/ids';
import { invalid } from './lib/errors';
import { requireId } from './lib/validate';
import type { MutationPublishOrderChangeArgs, Order } from './generated/graphql';

/**
 * Internal (IAM only, NONE data source): the stream publisher calls it when an order is created or
 * changes status; its result is what `onOrderStatusChanged` subscribers receive. Nothing is written.
 */
export function request(ctx: Context<MutationPublishOrderChangeArgs>): { payload: Order } {
  const input = ctx.args.input;
  if (!isOrderId(input.id)) invalid('input.id', 'is not an order id');
  requireId('input.customerId', input.customerId);
  if (input.partnerId !== undefined && input.partnerId !== null) requireId('input.partnerId', input.partnerId);
  if (input.statusHistory.length === 0) invalid('input.statusHistory', 'must hold the current status');
  return {
    payload: {
      id: input.id,
      customerId: input.customerId,
      partnerId: input.partnerId ?? null,
      items: input.items.map((i) => ({
        productId: i.productId,
        warehouseId: i.warehouseId ?? null,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
        lineTotal: i.lineTotal,
      })),
      currency: input.currency,
      total: input.total,
      status: input.status,
      reservationId: input.reservationId ?? null,
      createdAt: input.createdAt,
      updatedAt: input.updatedAt,
      statusHistory: input.statusHistory.map((h) => ({ status: h.status, at: h.at, actor: h.actor, reason: h.reason ?? null })),
    },
  };
}

export function response(ctx: Context<MutationPublishOrderChangeArgs>): Order {
  return ctx.result as Order;
}
