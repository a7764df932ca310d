/**
 * Shared pipeline function (releaseReservation, confirmReservation): the reservation's terminal
 * state and the stock movement, in one transaction.
 */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { StepContext } from '../lib/context';
import type { Reservation } from '../generated/graphql';
import { fail } from '../lib/errors';
import { movementTransactItem } from '../lib/inventory';
import { terminalUpdate, toReservation } from '../lib/reservations';
import { reservationKey } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';
import { settleOrCheck, skipWhenSettled, type TransitionStash } from '../lib/reservation-steps';
import { conditionFailures } from '../lib/transactions';

/** Runs after loadReservation: its result is the settled reservation, or null when a write is due. */
type WriteContext = StepContext<unknown, TransitionStash, Reservation | null>;

export function request(ctx: WriteContext): DynamoDBTransactWriteItemsRequest {
  skipWhenSettled(ctx);
  const stash = ctx.stash;
  const record = stash.reservation;
  if (!record) return util.error('An internal error occurred.', 'InternalFailure');
  const table = ctx.env.TABLE_NAME as string;
  const nowMs = util.time.nowEpochMilliSeconds();
  const now = util.time.epochMilliSecondsToISO8601(nowMs);
  const nowEpoch = Math.floor(nowMs / 1000);
  const confirming = stash.target === 'CONFIRMED';
  const reservation = terminalUpdate(stash.target, now, nowEpoch, confirming);
  const items: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(reservationKey(record.id)),
      update: reservation.update,
      condition: {
        expression: reservation.condition.expression,
        expressionNames: reservation.condition.expressionNames,
        expressionValues: reservation.condition.expressionValues,
        returnValuesOnConditionCheckFailure: true,
      },
    },
  ];
  for (const line of record.lines) {
    items.push(
      movementTransactItem(
        table,
        line,
        {
          reason: confirming ? 'CONFIRMED' : 'RELEASED',
          actor: stash.actor.label,
          reference: record.id,
          onHandDelta: confirming ? -line.quantity : 0,
          reservedDelta: -line.quantity,
        },
        now,
        false,
      ),
    );
  }
  record.status = stash.target;
  record.updatedAt = now;
  return { operation: 'TransactWriteItems', transactItems: items };
}

export function response(ctx: WriteContext): Reservation {
  const stash = ctx.stash;
  if (ctx.error) {
    // Someone else moved the hold first (a release, a confirm or the sweeper): decide from what won.
    const reasons = conditionFailures<ReservationRecord>(ctx.error, ctx.result);
    const current = reasons[0] && reasons[0].item ? reasons[0].item : null;
    if (!current) return fail('The reservation changed concurrently; retry.', 'Conflict', { retryable: true });
    settleOrCheck(stash, current, util.time.nowEpochSeconds());
    if (stash.settled) return toReservation(current);
    return fail('The reservation changed concurrently; retry.', 'Conflict', { retryable: true });
  }
  if (!stash.reservation) return util.error('An internal error occurred.', 'InternalFailure');
  return toReservation(stash.reservation);
}
