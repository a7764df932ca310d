/**
 * Shared pipeline function (releaseReservation, confirmReservation, extendReservation): loads the
 * hold with a consistent read, hides other partners' holds as not found, and settles idempotent repeats before any
 * write (InvalidTransition/ReservationExpired are raised here).
 */
import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Reservation } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { reservationKey } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';
import { fail, raiseDataSourceError } from '../lib/errors';
import { isVisibleTo } from '../lib/identity';
import { settleOrCheck, type TransitionStash } from '../lib/reservation-steps';
import { toReservation } from '../lib/reservations';

/** Runs first: the before-handler returned `{}`; the result is the stored hold, if any. */
type LoadContext = StepContext<unknown, TransitionStash, Record<string, never>, ReservationRecord | null>;

export function request(ctx: LoadContext): DynamoDBGetItemRequest {
  const stash = ctx.stash;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(reservationKey(stash.id)), consistentRead: true };
}

/** Decides from the stored state; raises InvalidTransition/ReservationExpired before any write. */
export function response(ctx: LoadContext): Reservation | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  const record = ctx.result;
  // Another partner's hold answers exactly as a missing one.
  if (!record || !isVisibleTo(stash.actor, record.partnerId)) return fail('Reservation not found.', 'NotFound', { id: stash.id });
  stash.reservation = record;
  settleOrCheck(stash, record, util.time.nowEpochSeconds());
  return stash.settled ? toReservation(record) : null;
}
