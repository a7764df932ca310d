/** commitStock: a permanent decrement without a hold; same steps as reserveStock, idempotent on requestId. */
import { util } from '@aws-appsync/utils';
import type { MutationCommitStockArgs, StockCommit } from '../generated/graphql';
import { actorOf, requireScope } from '../lib/identity';
import { fingerprint, validateLines } from '../lib/lines';
import { newCommitId, requireRequestId, type CommitRecord } from '../lib/reservations';
import type { BeforeContext, StepContext } from '../lib/context';
import type { ReserveStash } from '../lib/reserve-stash';

export function request(ctx: BeforeContext<MutationCommitStockArgs, ReserveStash<CommitRecord>>): Record<string, never> {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'inventory:reserve');
  const input = ctx.args.input;
  const requestId = requireRequestId(input.requestId);
  const lines = validateLines('input.lines', input.lines);
  const stash = ctx.stash;
  stash.actor = actor;
  stash.requestId = requestId;
  stash.lines = lines;
  stash.ttlSeconds = 0;
  stash.fingerprint = fingerprint(lines, 0);
  stash.id = newCommitId();
  return {};
}

export function response(ctx: StepContext<MutationCommitStockArgs, ReserveStash<CommitRecord>, StockCommit | null>): StockCommit {
  const result = ctx.prev.result;
  if (!result) return util.error('An internal error occurred.', 'InternalFailure');
  return result;
}
