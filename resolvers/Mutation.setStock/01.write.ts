/**
 * Admin compare-and-set of onHand/threshold. `available` is recomputed in the same write from the
 * stored `reserved`, so a concurrent reservation can never be lost between a read and this write.
 * Below `reserved` is allowed (a recount found damage): available goes negative, i.e. oversold.
 */
import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { StepContext } from '../lib/context';
import type { InventoryItem, MutationSetStockArgs } from '../generated/graphql';
import type { AdminStockStash } from '../lib/admin-stock';
import { fail, raiseDataSourceError } from '../lib/errors';
import { toInventoryItem } from '../lib/inventory';
import { inventoryKey } from '../../model/keys';
import { ITEM_UPSERT_NAMES, upsertClauses } from '../../model/stock-movement';
import type { InventoryRecord } from '../../model/records';

/** Runs first: the result is the written item, or on a failed condition the stored one (or none). */
type WriteContext = StepContext<MutationSetStockArgs, AdminStockStash, Record<string, never>, InventoryRecord | null>;

export function request(ctx: WriteContext): DynamoDBUpdateItemRequest {
  const stash = ctx.stash;
  const input = ctx.args.input;
  const now = util.time.nowISO8601();
  const hasThreshold = input.threshold !== undefined && input.threshold !== null;
  const hasExpected = input.expectedVersion !== undefined && input.expectedVersion !== null;
  // The delta is only known after the write; the ledger takes it from the change stream.
  const common = upsertClauses(
    stash.productId,
    stash.warehouseId,
    { reason: 'ADMIN_SET', actor: stash.actor, reference: null, onHandDelta: null, reservedDelta: 0, at: now },
    now,
  );
  const values: Record<string, unknown> = { ...common.values, ':onHand': input.onHand };
  const sets = ['#onHand = :onHand', '#available = :onHand - if_not_exists(#reserved, :zero)', ...common.sets];
  if (hasThreshold) {
    sets.push('#threshold = :threshold');
    values[':threshold'] = input.threshold;
  } else {
    sets.push('#threshold = if_not_exists(#threshold, :zero)');
  }
  const request: DynamoDBUpdateItemRequest = {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: ITEM_UPSERT_NAMES,
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
  if (hasExpected) {
    // Version 0 means "the item must not exist yet".
    request.condition =
      input.expectedVersion === 0
        ? { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } }
        : {
            expression: '#version = :expected',
            expressionNames: { '#version': 'version' },
            expressionValues: util.dynamodb.toMapValues({ ':expected': input.expectedVersion }),
          };
  }
  return request;
}

export function response(ctx: WriteContext): InventoryItem {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      const current = ctx.result;
      return fail('The stock item changed since it was read; reload it and retry.', 'VersionConflict', {
        expectedVersion: ctx.args.input.expectedVersion,
        currentVersion: current ? current.version : null,
      });
    }
    return raiseDataSourceError(ctx.error);
  }
  if (!ctx.result) return util.error('An internal error occurred.', 'InternalFailure');
  return toInventoryItem(ctx.result);
}
