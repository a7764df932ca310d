/** extendReservation: load (01) → move the deadline of an ACTIVE, unexpired hold (02). */
import type { MutationExtendReservationArgs, Reservation } from '../generated/graphql';
import type { BeforeContext, StepContext } from '../lib/context';
import { beginTransition, type ExtendStash } from '../lib/reservation-steps';
import { requireTtl } from '../lib/reservations';

export function request(ctx: BeforeContext<MutationExtendReservationArgs, ExtendStash>): Record<string, never> {
  const ttlSeconds = requireTtl('ttlSeconds', ctx.args.ttlSeconds);
  const result = beginTransition(ctx, 'ACTIVE');
  ctx.stash.ttlSeconds = ttlSeconds;
  return result;
}

export function response(ctx: StepContext<MutationExtendReservationArgs, ExtendStash, Reservation>): Reservation {
  return ctx.prev.result;
}
