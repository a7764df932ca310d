/** One transaction: the idempotency record and the commit (kept 24 h) and a conditional decrement per item. */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationCommitStockArgs, StockCommit } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { fail } from '../lib/errors';
import { sumLines, type AllocatedLine } from '../lib/lines';
import { toStockCommit, type CommitRecord } from '../lib/reservations';
import { commitKey } from '../../model/keys';
import type { ReserveStash } from '../lib/reserve-stash';
import { existingRecordOrFail, idempotencyItem, stockTransaction } from '../lib/stock-write';

const IDEMPOTENCY_SECONDS = 86400;

type CommitContext = StepContext<MutationCommitStockArgs, ReserveStash<CommitRecord>, null>;

export function request(ctx: CommitContext): DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  const allocated: AllocatedLine[] =
    stash.allocated ?? stash.lines.map((l) => ({ productId: l.productId, warehouseId: l.warehouseId as string, quantity: l.quantity }));
  const lines = sumLines(allocated);
  const now = util.time.nowISO8601();
  const record: CommitRecord & { entity: string; actor: string; ttl: number } = {
    entity: 'StockCommit',
    id: stash.id,
    requestId: stash.requestId,
    partnerId: stash.actor.partnerId,
    actor: stash.actor.label,
    lines,
    fingerprint: stash.fingerprint,
    createdAt: now,
    ttl: util.time.nowEpochSeconds() + IDEMPOTENCY_SECONDS,
  };
  stash.allocated = lines;
  stash.record = record;
  const idempotency = idempotencyItem('COMMIT', stash.actor, stash.requestId, {
    targetId: stash.id,
    fingerprint: stash.fingerprint,
    createdAt: now,
    ttl: record.ttl,
  });
  return stockTransaction(
    ctx.env.TABLE_NAME as string,
    idempotency,
    { key: commitKey(stash.id), item: record },
    lines,
    { reason: 'COMMITTED', actor: stash.actor.label, reference: stash.id, onHandPerUnit: -1, reservedPerUnit: 0 },
    now,
  );
}

/** A retry leaves `duplicateOf` for the next step, which reads the original back. */
export function response(ctx: CommitContext): StockCommit | null {
  const stash = ctx.stash;
  if (ctx.error) {
    const existing = existingRecordOrFail(ctx.error, ctx.result, stash.allocated ?? [], stash);
    if (existing.fingerprint !== stash.fingerprint) {
      fail('This requestId was already used for a different commit.', 'IdempotencyKeyReused', {
        requestId: stash.requestId,
        commitId: existing.targetId,
      });
    }
    stash.duplicateOf = existing.targetId;
    return null;
  }
  if (!stash.record) return util.error('An internal error occurred.', 'InternalFailure');
  return toStockCommit(stash.record);
}
