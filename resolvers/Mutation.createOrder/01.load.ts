/**
 * One consistent BatchGetItem: the idempotency record (key or payload fingerprint) and, for a
 * checkout, the reservation. A live record settles the request as a duplicate before anything
 * else is checked (a retried checkout finds its reservation already CONFIRMED); otherwise the
 * reservation must be the caller's, ACTIVE, unexpired, and match the items per product.
 */
import { util, type Context, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import type { MutationCreateOrderArgs } from '../generated/graphql';
import { matchReservation } from '../../model/orders/checkout';
import { isLive, type OrderIdempotencyRecord } from '../../model/orders/records';
import { fail, raiseDataSourceError } from '../lib/errors';
import { isVisibleTo } from '../lib/identity';
import { requireConfirmable } from '../lib/order-checkout';
import { failValidation } from '../lib/order-errors';
import type { CreateOrderStash } from '../lib/order-stash';
import { reservationKey } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';

type BatchResult = { data: Record<string, (Record<string, unknown> | null)[]>; unprocessedKeys: Record<string, unknown[]> };
type Ctx = Context<MutationCreateOrderArgs, CreateOrderStash, { result: Record<string, never> }, Record<string, never>, BatchResult>;

export function request(ctx: Ctx): DynamoDBBatchGetItemRequest {
  const stash = ctx.stash;
  const keys = [util.dynamodb.toMapValues(stash.recordKey)];
  if (stash.input.reservationId) keys.push(util.dynamodb.toMapValues(reservationKey(stash.input.reservationId)));
  return { operation: 'BatchGetItem', tables: { [ctx.env.TABLE_NAME as string]: { keys, consistentRead: true } } };
}

export function response(ctx: Ctx): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  const table = ctx.env.TABLE_NAME as string;
  const unprocessed = ctx.result.unprocessedKeys[table] ?? [];
  if (unprocessed.length > 0)
    return fail('The request conflicted with concurrent load; retry it with the same idempotency key.', 'Conflict', { retryable: true });
  const found = ctx.result.data[table] ?? [];
  const existing = (found[0] ?? null) as OrderIdempotencyRecord | null;
  if (existing && isLive(existing, stash.nowMs)) {
    if (stash.idempotencyKey && existing.payload !== stash.payload) {
      fail('This idempotency key was already used for a different order.', 'IdempotencyKeyReused', {
        idempotencyKey: stash.idempotencyKey,
        orderId: existing.orderId,
      });
    }
    stash.duplicateOf = existing.orderId;
    return null;
  }
  if (!stash.input.reservationId) {
    stash.items = stash.input.items.map((i) => ({
      productId: i.productId,
      warehouseId: null,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      lineTotal: i.lineTotal,
    }));
    return null;
  }
  const reservation = (found[1] ?? null) as ReservationRecord | null;
  // Another partner's reservation answers exactly as a missing one.
  if (!reservation || !isVisibleTo(stash.actor, reservation.partnerId))
    return fail('Reservation not found.', 'NotFound', { reservationId: stash.input.reservationId });
  requireConfirmable(reservation, Math.floor(stash.nowMs / 1000));
  const matched = matchReservation(stash.input.items, reservation.lines);
  if (!matched.ok) return failValidation(matched.violations);
  stash.reservation = reservation;
  stash.items = matched.items;
  return null;
}
