/**
 * Adds received units: onHand and available rise together; creates the item on first delivery.
 * With a requestId the update shares a transaction with a receipt record (kept 24 h), so a retried
 * delivery is counted once; a transaction returns no item, so step 02 reads it back.
 */
import { util, type DynamoDBTransactWriteItemsRequest, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { StepContext } from '../lib/context';
import type { InventoryItem, MutationReceiveStockArgs } from '../generated/graphql';
import type { AdminStockStash } from '../lib/admin-stock';
import { fail, raiseDataSourceError } from '../lib/errors';
import { base64Url } from '../lib/lines';
import { conditionFailures, isConditionFailure } from '../lib/transactions';
import { toInventoryItem } from '../lib/inventory';
import { inventoryKey } from '../../model/keys';
import { ITEM_UPSERT_NAMES, upsertClauses } from '../../model/stock-movement';
import type { InventoryRecord } from '../../model/records';

const IDEMPOTENCY_SECONDS = 86400;

export interface ReceiveStash extends AdminStockStash {
  fingerprint?: string;
  /** Set when the write returned no item (transaction or retry): step 02 reads it. */
  readBack?: boolean;
}

/** Runs first: the result is the updated item, or (a transaction) none. */
type ReceiveContext = StepContext<MutationReceiveStockArgs, ReceiveStash, Record<string, never>, InventoryRecord>;

export function request(ctx: ReceiveContext): DynamoDBUpdateItemRequest | DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  const quantity = ctx.args.input.quantity;
  const now = util.time.nowISO8601();
  const reference = ctx.args.input.reference ?? null;
  const common = upsertClauses(stash.productId, stash.warehouseId, { reason: 'RECEIVED', actor: stash.actor, reference, onHandDelta: quantity, reservedDelta: 0, at: now }, now);
  const sets = ['#onHand = if_not_exists(#onHand, :zero) + :q', '#available = if_not_exists(#available, :zero) + :q', '#threshold = if_not_exists(#threshold, :zero)', ...common.sets];
  const update: DynamoDBUpdateItemRequest = {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: ITEM_UPSERT_NAMES,
      expressionValues: util.dynamodb.toMapValues({ ...common.values, ':q': quantity }),
    },
  };
  const requestId = ctx.args.input.requestId;
  if (!requestId) return update;
  const receiveStash = stash;
  receiveStash.fingerprint = JSON.stringify([stash.productId, stash.warehouseId, quantity, reference]);
  receiveStash.readBack = true;
  const table = ctx.env.TABLE_NAME as string;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ pk: `RECEIPT#${base64Url(`${stash.actor}|${requestId}`)}`, sk: 'RECEIPT' }),
        attributeValues: util.dynamodb.toMapValues({ entity: 'StockReceipt', requestId, fingerprint: receiveStash.fingerprint, ttl: util.time.nowEpochSeconds() + IDEMPOTENCY_SECONDS }),
        condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: true },
      },
      { table, operation: 'UpdateItem', key: update.key, update: update.update },
    ],
  };
}

export function response(ctx: ReceiveContext): InventoryItem | null {
  const stash = ctx.stash;
  if (ctx.error) {
    if (!stash.readBack) return raiseDataSourceError(ctx.error);
    const receipt = conditionFailures<{ fingerprint?: string }>(ctx.error, ctx.result)[0];
    const existing = receipt && isConditionFailure(receipt) ? receipt.item : null;
    if (!existing) return raiseDataSourceError(ctx.error);
    if (existing.fingerprint !== stash.fingerprint) {
      fail('This requestId was already used for a different delivery.', 'IdempotencyKeyReused', { requestId: ctx.args.input.requestId });
    }
    // A retry of a delivery already counted: nothing was added; step 02 returns the item.
    return null;
  }
  return stash.readBack ? null : toInventoryItem(ctx.result);
}
