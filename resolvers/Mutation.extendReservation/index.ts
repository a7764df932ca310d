/** extendReservation: load (01) → move the deadline of an ACTIVE, unexpired hold (02). */
import type { Context } from '@aws-appsync/utils';
import type { MutationExtendReservationArgs, Reservation } from '../generated/graphql';
import { beginTransition, type TransitionStash } from '../lib/reservation-steps';
import { requireTtl } from '../lib/reservations';

export function request(ctx: Context<MutationExtendReservationArgs>): Record<string, never> {
  const ttlSeconds = requireTtl('ttlSeconds', ctx.args.ttlSeconds);
  const result = beginTransition(ctx, 'ACTIVE');
  (ctx.stash as TransitionStash & { ttlSeconds: number }).ttlSeconds = ttlSeconds;
  return result;
}

export function response(ctx: Context<MutationExtendReservationArgs>): Reservation {
  return ctx.prev.result as Reservation;
}
