/** confirmReservation: load (01) → CONFIRMED with onHand and reserved lowered together (02). ReservationExpired after expiresAt. */
import type { MutationConfirmReservationArgs, Reservation } from '../generated/graphql';
import type { BeforeContext, StepContext } from '../lib/context';
import { beginTransition, type TransitionStash } from '../lib/reservation-steps';

export function request(ctx: BeforeContext<MutationConfirmReservationArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'CONFIRMED');
}

export function response(ctx: StepContext<MutationConfirmReservationArgs, TransitionStash, Reservation>): Reservation {
  return ctx.prev.result;
}
