/** One transaction: the idempotency record, the reservation and a conditional hold per item. */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationReserveStockArgs, Reservation } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { fail } from '../lib/errors';
import { sumLines, type AllocatedLine } from '../lib/lines';
import { toReservation } from '../lib/reservations';
import { activeIndexKeys, reservationKey, reservationListKeys } from '../../model/keys';
import type { ReservationRecord } from '../../model/records';
import type { ReserveStash } from '../lib/reserve-stash';
import { existingRecordOrFail, idempotencyItem, stockTransaction } from '../lib/stock-write';
import { MAX_TTL_SECONDS, RETENTION_SECONDS } from '../../model/retention';

type ReserveContext = StepContext<MutationReserveStockArgs, ReserveStash<ReservationRecord>, null>;

/** The stored reservation: the record plus its index keys. */
type StoredReservation = ReservationRecord & {
  entity: string;
  shard: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: string;
  gsi2sk?: string;
  gsi14pk: string;
  gsi14sk: string;
};

export function request(ctx: ReserveContext): DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  const allocated: AllocatedLine[] =
    stash.allocated ?? stash.lines.map((l) => ({ productId: l.productId, warehouseId: l.warehouseId as string, quantity: l.quantity }));
  const lines = sumLines(allocated);
  const nowEpochMs = util.time.nowEpochMilliSeconds();
  const now = util.time.epochMilliSecondsToISO8601(nowEpochMs);
  const nowEpoch = Math.floor(nowEpochMs / 1000);
  const expiresAtEpoch = nowEpoch + stash.ttlSeconds;
  const expiresAt = util.time.epochMilliSecondsToISO8601(expiresAtEpoch * 1000);
  const shard = util.autoId().slice(0, 1);
  const partnerId = stash.actor.partnerId;
  const record: StoredReservation = {
    entity: 'Reservation',
    id: stash.id,
    requestId: stash.requestId,
    scope: partnerId ?? stash.actor.label,
    partnerId,
    actor: stash.actor.label,
    status: 'ACTIVE',
    lines,
    fingerprint: stash.fingerprint,
    expiresAt,
    expiresAtEpoch,
    createdAt: now,
    createdAtEpoch: nowEpoch,
    updatedAt: now,
    shard,
    ...activeIndexKeys(stash.id, expiresAt, shard),
    ...reservationListKeys(stash.id, now),
  };
  if (partnerId) {
    record.gsi2pk = `PARTNER#${partnerId}`;
    record.gsi2sk = `RESERVATION#${now}#${stash.id}`;
  }
  stash.allocated = lines;
  stash.record = record;
  // Kept at least as long as the reservation can live (held, extended, then retained).
  const idempotency = idempotencyItem('RESERVATION', stash.actor, stash.requestId, {
    targetId: stash.id,
    fingerprint: stash.fingerprint,
    createdAt: now,
    ttl: expiresAtEpoch + MAX_TTL_SECONDS + RETENTION_SECONDS,
  });
  return stockTransaction(
    ctx.env.TABLE_NAME as string,
    idempotency,
    { key: reservationKey(stash.id), item: record },
    lines,
    { reason: 'RESERVED', actor: stash.actor.label, reference: stash.id, onHandPerUnit: 0, reservedPerUnit: 1 },
    now,
  );
}

/** A retry leaves `duplicateOf` for the next step, which reads the original back. */
export function response(ctx: ReserveContext): Reservation | null {
  const stash = ctx.stash;
  if (ctx.error) {
    const existing = existingRecordOrFail(ctx.error, ctx.result, stash.allocated ?? [], stash);
    if (existing.fingerprint !== stash.fingerprint) {
      fail('This requestId was already used for a different reservation.', 'IdempotencyKeyReused', {
        requestId: stash.requestId,
        reservationId: existing.targetId,
      });
    }
    stash.duplicateOf = existing.targetId;
    return null;
  }
  if (!stash.record) return util.error('An internal error occurred.', 'InternalFailure');
  return toReservation(stash.record);
}
