/** A retry returns the commit its request id made first, read back consistently; a new one passes through. */
import { runtime, util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationCommitStockArgs, StockCommit } from '../generated/graphql';
import type { StepContext } from '../lib/context';
import { fail, raiseDataSourceError } from '../lib/errors';
import { toStockCommit, type CommitRecord } from '../lib/reservations';
import { commitKey } from '../../model/keys';
import type { ReserveStash } from '../lib/reserve-stash';

type LoadOriginalContext = StepContext<MutationCommitStockArgs, ReserveStash<CommitRecord>, StockCommit | null, CommitRecord | null>;

export function request(ctx: LoadOriginalContext): DynamoDBGetItemRequest {
  const original = ctx.stash.duplicateOf;
  if (!original) runtime.earlyReturn(ctx.prev.result);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(commitKey(original)), consistentRead: true };
}

export function response(ctx: LoadOriginalContext): StockCommit {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  // Written in one transaction with its idempotency record and expiring with it (24 h).
  if (!ctx.result)
    return fail('The commit this requestId made is no longer kept; use a new requestId.', 'Conflict', { requestId: ctx.stash.requestId });
  return toStockCommit(ctx.result);
}
