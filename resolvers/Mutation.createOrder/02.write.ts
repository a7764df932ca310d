/**
 * One TransactWriteItems: the idempotency record (new, or expired), the order, and for a checkout
 * the reservation ACTIVE → CONFIRMED (still unexpired) with each held item's onHand and reserved
 * lowered together (ledger reason CONFIRMED, as confirmReservation does). Concurrent duplicates
 * meet on the idempotency record: exactly one transaction wins, the others read the winner back.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationCreateOrderArgs, Order } from '../generated/graphql';
import { FINGERPRINT_WINDOW_MS, KEY_WINDOW_MS, RECORD_RETENTION_SECONDS } from '../../model/orders/limits';
import { newOrderItem, type OrderIdempotencyRecord } from '../../model/orders/records';
import { fail } from '../lib/errors';
import { movementTransactItem } from '../lib/inventory';
import { requireConfirmable } from '../lib/order-checkout';
import { toOrder } from '../lib/order-records';
import type { CreateOrderStash } from '../lib/order-stash';
import { reservationKey } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';
import { terminalUpdate } from '../lib/reservations';
import { conditionFailures, isConditionFailure } from '../lib/transactions';

type Ctx = Context<
  MutationCreateOrderArgs,
  CreateOrderStash,
  { result: null },
  Record<string, never>,
  { keys: unknown[] | null; cancellationReasons: unknown[] | null }
>;

const RESERVATION_ACTION = 2;

export function request(ctx: Ctx): DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  if (stash.duplicateOf) runtime.earlyReturn(null);
  const table = ctx.env.TABLE_NAME as string;
  const nowMs = stash.nowMs;
  const now = util.time.epochMilliSecondsToISO8601(nowMs);
  const nowEpoch = Math.floor(nowMs / 1000);
  const reservation = stash.reservation;
  const actor = stash.actor;
  const expiresAtMs = nowMs + (stash.idempotencyKey ? KEY_WINDOW_MS : FINGERPRINT_WINDOW_MS);
  const marker: OrderIdempotencyRecord = {
    entity: stash.idempotencyKey ? 'OrderIdempotencyKey' : 'OrderFingerprint',
    orderId: stash.orderId,
    payload: stash.idempotencyKey ? stash.payload : null,
    expiresAtMs,
    ttl: Math.floor(expiresAtMs / 1000) + RECORD_RETENTION_SECONDS,
  };
  const order = newOrderItem({
    id: stash.orderId,
    customerId: stash.input.customerId,
    partnerId: actor.partnerId,
    scope: stash.scope,
    actor: actor.label,
    items: stash.items ?? [],
    currency: stash.input.currency,
    total: stash.input.total,
    reservationId: stash.input.reservationId,
    stockCommitted: !!reservation,
    idempotencyKey: stash.idempotencyKey,
    now,
  });
  stash.order = order.record;
  const items: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(stash.recordKey),
      attributeValues: util.dynamodb.toMapValues(marker),
      // A record past its window no longer decides (DynamoDB TTL deletes lazily).
      condition: {
        expression: 'attribute_not_exists(#pk) OR #expiresAtMs <= :nowMs',
        expressionNames: { '#pk': 'pk', '#expiresAtMs': 'expiresAtMs' },
        expressionValues: util.dynamodb.toMapValues({ ':nowMs': nowMs }),
        returnValuesOnConditionCheckFailure: true,
      },
    },
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(order.key),
      attributeValues: util.dynamodb.toMapValues(order.item),
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: false },
    },
  ];
  if (reservation) {
    const confirm = terminalUpdate('CONFIRMED', now, nowEpoch, true);
    items.push({
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(reservationKey(reservation.id)),
      update: confirm.update,
      condition: {
        expression: confirm.condition.expression,
        expressionNames: confirm.condition.expressionNames,
        expressionValues: confirm.condition.expressionValues,
        returnValuesOnConditionCheckFailure: true,
      },
    });
    reservation.lines.forEach((line) => {
      items.push(
        movementTransactItem(
          table,
          line,
          {
            reason: 'CONFIRMED',
            actor: actor.label,
            reference: reservation.id,
            onHandDelta: -line.quantity,
            reservedDelta: -line.quantity,
          },
          now,
          false,
        ),
      );
    });
  }
  return { operation: 'TransactWriteItems', transactItems: items };
}

export function response(ctx: Ctx): Order | null {
  const stash = ctx.stash;
  if (stash.duplicateOf) return null;
  if (ctx.error) {
    const reasons = conditionFailures(ctx.error, ctx.result);
    const marker = reasons[0];
    if (isConditionFailure(marker) && marker && marker.item) {
      // A concurrent duplicate won: same key and payload → its order; same key, other payload → refused.
      const existing = marker.item as unknown as OrderIdempotencyRecord;
      if (stash.idempotencyKey && existing.payload !== stash.payload) {
        fail('This idempotency key was already used for a different order.', 'IdempotencyKeyReused', {
          idempotencyKey: stash.idempotencyKey,
          orderId: existing.orderId,
        });
      }
      stash.duplicateOf = existing.orderId;
      return null;
    }
    const held = reasons[RESERVATION_ACTION];
    if (stash.reservation && isConditionFailure(held) && held && held.item) {
      // Another order (or a release, a confirm, the sweeper) moved the reservation first.
      requireConfirmable(held.item as unknown as ReservationRecord, Math.floor(stash.nowMs / 1000));
    }
    return fail('The order conflicted with concurrent writes; retry it with the same idempotency key.', 'Conflict', { retryable: true });
  }
  return toOrder(stash.order!);
}
