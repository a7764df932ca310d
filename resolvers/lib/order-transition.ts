/**
 * Steps shared by updateOrderStatus and cancelOrder: load the order (consistent read), refuse an
 * impossible move before any write, then one transaction: the order's conditional status write
 * (`status IN allowed-from`) and, for a cancel of an order that committed stock, a RESTOCKED
 * movement per warehouse line. Whoever loses a race gets InvalidTransition with the status that won.
 */
import { util, type Context, type DynamoDBGetItemRequest, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { Order } from '../generated/graphql';
import { committedLines } from '../../model/orders/checkout';
import { isOrderId } from '../../model/orders/ids';
import { orderKey } from '../../model/orders/keys';
import type { OrderRecord, StatusChangeRecord } from '../../model/orders/records';
import { MAX_UNITS } from '../../model/retention';
import { canTransition, restocksOnCancel, type OrderStatusName } from '../../model/orders/status';
import { transitionWrite } from '../../model/orders/transition';
import { fail, invalid, raiseDataSourceError } from './errors';
import { actorOf, requireScope } from './identity';
import { movementTransactItem } from './inventory';
import { canSeeOrder, toOrder } from './order-records';
import type { OrderTransitionStash } from './order-stash';
import { conditionFailures, isConditionFailure, type CancellationReason } from './transactions';

/** The context of the shared steps: both fields take the order `id`. */
type StepContext<TResult> = Context<
  { id: string },
  OrderTransitionStash,
  { result: Record<string, never> | null },
  Record<string, never>,
  TResult
>;

/** Longest cancel reason kept in the status history. */
export const MAX_REASON_LENGTH = 500;

/** Pipeline before-handler: who, which order, which move. Partners need orders:write. */
export function beginOrderTransition(
  ctx: Context<{ id: string }, OrderTransitionStash>,
  target: OrderStatusName,
  expected: OrderStatusName | null,
  reason: string | null,
): Record<string, never> {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'orders:write');
  if (!isOrderId(ctx.args.id)) invalid('id', 'is not an order id');
  if (reason !== null && reason.length > MAX_REASON_LENGTH) invalid('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  const stash = ctx.stash;
  stash.actor = actor;
  stash.id = ctx.args.id;
  stash.target = target;
  stash.expected = expected;
  stash.reason = reason;
  return {};
}

function refuse(record: OrderRecord, target: OrderStatusName, expected: OrderStatusName | null): never {
  return fail(`The order is ${record.status}; it cannot become ${target}${expected ? ` from ${expected}` : ''}.`, 'InvalidTransition', {
    id: record.id,
    status: record.status,
    target,
    expectedStatus: expected,
  });
}

function check(stash: OrderTransitionStash, record: OrderRecord): void {
  if (!canTransition(record.status, stash.target) || (stash.expected !== null && stash.expected !== record.status))
    refuse(record, stash.target, stash.expected);
}

export function loadOrderRequest(ctx: StepContext<null>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(orderKey(ctx.stash.id)), consistentRead: true };
}

export function loadOrderResponse(ctx: StepContext<OrderRecord | null>): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  const record = ctx.result;
  // Another partner's order answers exactly as a missing one.
  if (!record || !canSeeOrder(stash.actor, record)) return fail('Order not found.', 'NotFound', { id: stash.id });
  check(stash, record);
  stash.order = record;
  return null;
}

export function writeTransitionRequest(ctx: StepContext<null>): DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  const record = stash.order as OrderRecord;
  const table = ctx.env.TABLE_NAME as string;
  const now = util.time.nowISO8601();
  const change: StatusChangeRecord = { status: stash.target, at: now, actor: stash.actor.label, reason: stash.reason };
  const write = transitionWrite(stash.target, stash.expected, change);
  const items: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(orderKey(record.id)),
      update: {
        expression: write.update.expression,
        expressionNames: write.update.expressionNames,
        expressionValues: util.dynamodb.toMapValues(write.update.expressionValues),
      },
      condition: {
        expression: write.condition.expression,
        expressionNames: write.condition.expressionNames,
        expressionValues: util.dynamodb.toMapValues(write.condition.expressionValues),
        returnValuesOnConditionCheckFailure: true,
      },
    },
  ];
  if (stash.target === 'CANCELED' && record.stockCommitted && restocksOnCancel(record.status)) {
    committedLines(record.items).forEach((line) => {
      items.push(
        movementTransactItem(
          table,
          line,
          { reason: 'RESTOCKED', actor: stash.actor.label, reference: record.id, onHandDelta: line.quantity, reservedDelta: 0 },
          now,
          true,
        ),
      );
    });
  }
  record.status = stash.target;
  record.updatedAt = now;
  record.statusHistory = record.statusHistory.concat([change]);
  record.version = record.version + 1;
  return { operation: 'TransactWriteItems', transactItems: items };
}

/**
 * A restock that would lift an item's onHand past MAX_UNITS (its stock was raised since the order
 * committed) is refused as the caller's to fix: lower onHand with setStock, then cancel again.
 */
function refuseOverfullRestock(record: OrderRecord, restockReasons: CancellationReason[]): void {
  const lines = committedLines(record.items);
  restockReasons.forEach((reason, i) => {
    const line = lines[i];
    const onHand = reason.item ? reason.item['onHand'] : undefined;
    if (!isConditionFailure(reason) || !line || typeof onHand !== 'number' || onHand + line.quantity <= MAX_UNITS) return;
    fail(
      `Cancelling would restock ${line.quantity} of ${line.productId} in ${line.warehouseId} past ${MAX_UNITS} on hand; lower onHand with setStock first.`,
      'ValidationError',
      { productId: line.productId, warehouseId: line.warehouseId, onHand, quantity: line.quantity, maxOnHand: MAX_UNITS },
    );
  });
}

export function writeTransitionResponse(ctx: StepContext<{ keys: unknown[] | null; cancellationReasons: unknown[] | null }>): Order {
  const stash = ctx.stash;
  if (ctx.error) {
    const reasons = conditionFailures(ctx.error, ctx.result);
    const first = reasons[0];
    // A concurrent transition won: refuse with the status it left.
    if (isConditionFailure(first) && first && first.item) refuse(first.item as unknown as OrderRecord, stash.target, stash.expected);
    refuseOverfullRestock(stash.order as OrderRecord, reasons.slice(1));
    return fail('The order changed concurrently; retry.', 'Conflict', { retryable: true });
  }
  return toOrder(stash.order as OrderRecord);
}
