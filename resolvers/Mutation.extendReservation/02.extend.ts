/** Moves expiresAt (and the sweeper index entry) of an ACTIVE hold that has not expired yet. */
import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationExtendReservationArgs, Reservation } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { fail, invalid, raiseDataSourceError } from '../lib/errors';
import { settleOrCheck, type ExtendStash } from '../lib/reservation-steps';
import { toReservation } from '../lib/reservations';
import { activeIndexKeys, reservationKey } from '../../model/keys';
import { MAX_TTL_SECONDS } from '../../model/retention';
import type { ReservationRecord } from '../../model/records';

/** Runs after loadReservation (an extension is never settled early); the result is the updated hold. */
type ExtendContext = StepContext<
  MutationExtendReservationArgs,
  ExtendStash & { reservation?: ReservationRecord & { shard: string } },
  Reservation | null,
  ReservationRecord | null
>;

export function request(ctx: ExtendContext): DynamoDBUpdateItemRequest {
  const stash = ctx.stash;
  const record = stash.reservation;
  if (!record) return util.error('An internal error occurred.', 'InternalFailure');
  const nowEpoch = util.time.nowEpochSeconds();
  // Extending never shortens a hold: the later of the current and the asked deadline wins.
  const expiresAtEpoch = Math.max(record.expiresAtEpoch, nowEpoch + stash.ttlSeconds);
  // A hold lives at most 24 h from its creation, however often it is extended.
  if (expiresAtEpoch > record.createdAtEpoch + MAX_TTL_SECONDS) {
    invalid('ttlSeconds', `would hold the reservation more than ${MAX_TTL_SECONDS} seconds after it was created`);
  }
  const expiresAt = util.time.epochMilliSecondsToISO8601(expiresAtEpoch * 1000);
  const index = activeIndexKeys(record.id, expiresAt, record.shard);
  const now = util.time.nowISO8601();
  record.expiresAt = expiresAt;
  record.expiresAtEpoch = expiresAtEpoch;
  record.updatedAt = now;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(reservationKey(record.id)),
    update: {
      expression: 'SET #expiresAt = :expiresAt, #expiresAtEpoch = :expiresAtEpoch, #gsi1sk = :gsi1sk, #updatedAt = :now',
      expressionNames: { '#expiresAt': 'expiresAt', '#expiresAtEpoch': 'expiresAtEpoch', '#gsi1sk': 'gsi1sk', '#updatedAt': 'updatedAt' },
      expressionValues: util.dynamodb.toMapValues({
        ':expiresAt': expiresAt,
        ':expiresAtEpoch': expiresAtEpoch,
        ':gsi1sk': index.gsi1sk,
        ':now': now,
      }),
    },
    condition: {
      expression: '#status = :active AND #expiresAtEpoch > :nowEpoch',
      expressionNames: { '#status': 'status', '#expiresAtEpoch': 'expiresAtEpoch' },
      expressionValues: util.dynamodb.toMapValues({ ':active': 'ACTIVE', ':nowEpoch': nowEpoch }),
    },
  };
}

export function response(ctx: ExtendContext): Reservation {
  const stash = ctx.stash;
  if (ctx.error) {
    if (ctx.error.type !== 'DynamoDB:ConditionalCheckFailedException') return raiseDataSourceError(ctx.error);
    const current = ctx.result;
    if (current) settleOrCheck(stash, current, util.time.nowEpochSeconds());
    return fail('The reservation changed concurrently; retry.', 'Conflict', { retryable: true });
  }
  if (!ctx.result) return util.error('An internal error occurred.', 'InternalFailure');
  return toReservation(ctx.result);
}
