/** A retry returns the reservation its request id made first, read back consistently; a new one passes through. */
import { runtime, util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationReserveStockArgs, Reservation } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { fail, raiseDataSourceError } from '../lib/errors';
import { toReservation } from '../lib/reservations';
import { reservationKey } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';
import type { ReserveStash } from '../lib/reserve-stash';

type LoadOriginalContext = StepContext<
  MutationReserveStockArgs,
  ReserveStash<ReservationRecord>,
  Reservation | null,
  ReservationRecord | null
>;

export function request(ctx: LoadOriginalContext): DynamoDBGetItemRequest {
  const original = ctx.stash.duplicateOf;
  if (!original) runtime.earlyReturn(ctx.prev.result);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(reservationKey(original)), consistentRead: true };
}

export function response(ctx: LoadOriginalContext): Reservation {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  // Written in one transaction with its idempotency record, which outlives it: gone only after retention.
  if (!ctx.result)
    return fail('The reservation this requestId made is no longer kept; use a new requestId.', 'Conflict', {
      requestId: ctx.stash.requestId,
    });
  return toReservation(ctx.result);
}
