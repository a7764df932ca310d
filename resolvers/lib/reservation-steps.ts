/**
 * What releaseReservation, confirmReservation and extendReservation share: the before-handler,
 * the state machine that settles idempotent repeats, and the skip of a settled write. Their load
 * step is the shared AppSync function `resolvers/functions/loadReservation.ts`.
 */
import { runtime } from '@aws-appsync/utils';
import type { BeforeContext, StepContext } from './context';
import type { ReservationStatus } from '../generated/graphql';
import { fail } from './errors';
import { actorOf, requireScope, type Actor } from './identity';
import { requireReservationId } from './reservations';
import type { ReservationRecord } from '../../model/records';

export interface TransitionStash {
  actor: Actor;
  id: string;
  /** The transition asked for: RELEASED, CONFIRMED, or ACTIVE for an extension. */
  target: ReservationStatus;
  reservation?: ReservationRecord;
  /** Set when the request is already settled (idempotent repeat): later steps return it as is. */
  settled?: boolean;
}

/** The stash of extendReservation: a transition plus the hold time asked for. */
export interface ExtendStash extends TransitionStash {
  ttlSeconds: number;
}

/** Pipeline before-handler: who, which reservation, which transition. */
export function beginTransition<Args extends { id: string }, Stash extends TransitionStash>(
  ctx: BeforeContext<Args, Stash>,
  target: ReservationStatus,
): Record<string, never> {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'inventory:reserve');
  const stash = ctx.stash;
  stash.actor = actor;
  stash.id = requireReservationId('id', ctx.args.id);
  stash.target = target;
  return {};
}

/**
 * The state machine ACTIVE → RELEASED | CONFIRMED | EXPIRED. Repeating the same terminal action
 * is settled (returns the reservation); any other move out of a terminal state is refused.
 */
export function settleOrCheck(stash: TransitionStash, record: ReservationRecord, nowEpoch: number): void {
  // Releasing a hold the sweeper already expired changes nothing either way: the units are back.
  const released = stash.target === 'RELEASED' && record.status === 'EXPIRED';
  if ((record.status === stash.target && stash.target !== 'ACTIVE') || released) {
    stash.settled = true;
    return;
  }
  if (record.status === 'EXPIRED') {
    fail('The reservation expired.', 'ReservationExpired', { id: record.id, expiresAt: record.expiresAt });
  }
  if (record.status !== 'ACTIVE') {
    fail(
      `The reservation is ${record.status}; it cannot become ${stash.target === 'ACTIVE' ? 'extended' : stash.target}.`,
      'InvalidTransition',
      { id: record.id, status: record.status },
    );
  }
  if (stash.target !== 'RELEASED' && record.expiresAtEpoch <= nowEpoch) {
    fail('The reservation expired.', 'ReservationExpired', { id: record.id, expiresAt: record.expiresAt });
  }
}

/** Write steps start with this: a settled repeat skips the write. */
export function skipWhenSettled<Args, Prev>(ctx: StepContext<Args, TransitionStash, Prev>): void {
  if (ctx.stash.settled) runtime.earlyReturn(ctx.prev.result);
}
