/** releaseReservation: load (01) → RELEASED and units back to available, in one transaction (02). Idempotent. */
import type { Context } from '@aws-appsync/utils';
import type { MutationReleaseReservationArgs, Reservation } from '../generated/graphql';
import { beginTransition } from '../lib/reservation-steps';

export function request(ctx: Context<MutationReleaseReservationArgs>): Record<string, never> {
  return beginTransition(ctx, 'RELEASED');
}

export function response(ctx: Context<MutationReleaseReservationArgs>): Reservation {
  return ctx.prev.result as Reservation;
}
