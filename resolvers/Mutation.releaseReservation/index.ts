/** releaseReservation: load (01) → RELEASED and units back to available, in one transaction (02). Idempotent. */
import type { MutationReleaseReservationArgs, Reservation } from '../generated/graphql';
import type { BeforeContext, StepContext } from '../lib/context';
import { beginTransition, type TransitionStash } from '../lib/reservation-steps';

export function request(ctx: BeforeContext<MutationReleaseReservationArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'RELEASED');
}

export function response(ctx: StepContext<MutationReleaseReservationArgs, TransitionStash, Reservation>): Reservation {
  return ctx.prev.result;
}
