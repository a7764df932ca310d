/** confirmReservation: load (01) → CONFIRMED with onHand and reserved lowered together (02). ReservationExpired after expiresAt. */
import type { Context } from '@aws-appsync/utils';
import type { MutationConfirmReservationArgs, Reservation } from '../generated/graphql';
import { beginTransition } from '../lib/reservation-steps';

export function request(ctx: Context<MutationConfirmReservationArgs>): Record<string, never> {
  return beginTransition(ctx, 'CONFIRMED');
}

export function response(ctx: Context<MutationConfirmReservationArgs>): Reservation {
  return ctx.prev.result as Reservation;
}
