/** reserveStock: validate and normalise (before) → allocate → one transaction (01–03) → a retry's original (04) → the reservation (after). */
import { util } from '@aws-appsync/utils';
import type { MutationReserveStockArgs, Reservation } from '../generated/graphql';
import { actorOf, requireScope } from '../lib/identity';
import { fingerprint, validateLines } from '../lib/lines';
import { newReservationId, requireRequestId, requireTtl } from '../lib/reservations';
import { DEFAULT_TTL_SECONDS } from '../../model/retention';
import type { ReservationRecord } from '../../model/records';
import type { BeforeContext, StepContext } from '../lib/context';
import type { ReserveStash } from '../lib/reserve-stash';

export function request(ctx: BeforeContext<MutationReserveStockArgs, ReserveStash<ReservationRecord>>): Record<string, never> {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'inventory:reserve');
  const input = ctx.args.input;
  const requestId = requireRequestId(input.requestId);
  const lines = validateLines('input.lines', input.lines);
  const hasTtl = input.ttlSeconds !== undefined && input.ttlSeconds !== null;
  const ttlSeconds = hasTtl ? requireTtl('input.ttlSeconds', input.ttlSeconds) : DEFAULT_TTL_SECONDS;
  const stash = ctx.stash;
  stash.actor = actor;
  stash.requestId = requestId;
  stash.lines = lines;
  stash.ttlSeconds = ttlSeconds;
  stash.fingerprint = fingerprint(lines, ttlSeconds);
  stash.id = newReservationId();
  return {};
}

export function response(ctx: StepContext<MutationReserveStockArgs, ReserveStash<ReservationRecord>, Reservation | null>): Reservation {
  const result = ctx.prev.result;
  if (!result) return util.error('An internal error occurred.', 'InternalFailure');
  return result;
}
