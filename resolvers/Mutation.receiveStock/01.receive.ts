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
import { MAX_UNITS } from '../../model/retention';

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
  const common = upsertClauses(
    stash.productId,
    stash.warehouseId,
    { reason: 'RECEIVED', actor: stash.actor, reference, onHandDelta: quantity, reservedDelta: 0, at: now },
    now,
  );
  const sets = [
    '#onHand = if_not_exists(#onHand, :zero) + :q',
    '#available = if_not_exists(#available, :zero) + :q',
    '#threshold = if_not_exists(#threshold, :zero)',
    ...common.sets,
  ];
  // The cap is a condition of the same write, so concurrent receipts can never pass it together.
  const cap = {
    expression: 'attribute_not_exists(#onHand) OR #onHand <= :maxBefore',
    expressionNames: { '#onHand': 'onHand' },
    expressionValues: util.dynamodb.toMapValues({ ':maxBefore': MAX_UNITS - quantity }),
  };
  const update: DynamoDBUpdateItemRequest = {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(stash.productId, stash.warehouseId)),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: ITEM_UPSERT_NAMES,
      expressionValues: util.dynamodb.toMapValues({ ...common.values, ':q': quantity }),
    },
    condition: cap,
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
        attributeValues: util.dynamodb.toMapValues({
          entity: 'StockReceipt',
          requestId,
          fingerprint: receiveStash.fingerprint,
          ttl: util.time.nowEpochSeconds() + IDEMPOTENCY_SECONDS,
        }),
        condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: true },
      },
      {
        table,
        operation: 'UpdateItem',
        key: update.key,
        update: update.update,
        condition: { ...cap, returnValuesOnConditionCheckFailure: true },
      },
    ],
  };
}

/** Refuses a receipt that would take onHand past the cap; nothing was written. */
function overCap(current: { onHand?: number } | null | undefined): never {
  return fail(`input.quantity: onHand would exceed ${MAX_UNITS}`, 'ValidationError', {
    field: 'input.quantity',
    maxOnHand: MAX_UNITS,
    onHand: current && typeof current.onHand === 'number' ? current.onHand : null,
  });
}

export function response(ctx: ReceiveContext): InventoryItem | null {
  const stash = ctx.stash;
  if (ctx.error) {
    if (!stash.readBack) {
      if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') return overCap(ctx.result);
      return raiseDataSourceError(ctx.error);
    }
    const reasons = conditionFailures<{ fingerprint?: string; onHand?: number }>(ctx.error, ctx.result);
    const receipt = reasons[0];
    const item = reasons[1];
    const existing = receipt && isConditionFailure(receipt) ? receipt.item : null;
    // A retry of a counted delivery wins over the cap: it adds nothing either way.
    if (!existing && item && isConditionFailure(item)) return overCap(item.item);
    if (!existing) return raiseDataSourceError(ctx.error);
    if (existing.fingerprint !== stash.fingerprint) {
      fail('This requestId was already used for a different delivery.', 'IdempotencyKeyReused', { requestId: ctx.args.input.requestId });
    }
    // A retry of a delivery already counted: nothing was added; step 02 returns the item.
    return null;
  }
  return stash.readBack ? null : toInventoryItem(ctx.result);
}
