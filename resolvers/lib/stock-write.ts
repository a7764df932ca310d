/**
 * The final step of reserveStock and commitStock: one TransactWriteItems with the idempotency
 * record (the reservation or commit itself, `attribute_not_exists`) and one conditional movement
 * per stock item. Its cancellation is read back into the product's errors.
 */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { fail } from './errors';
import type { StockMovementReason } from '../generated/graphql';
import { movementUpdate } from './inventory';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import type { AllocatedLine } from './lines';
import { conditionFailures, isConditionFailure } from './transactions';
import { raceLost, type AllocationStash } from './allocation';

/** How each unit of a line moves the counters (APPSYNC_JS cannot pass functions around). */
export interface MovementTemplate {
  reason: StockMovementReason;
  actor: string;
  reference: string;
  onHandPerUnit: number;
  reservedPerUnit: number;
}

export function stockTransaction(table: string, record: { key: { pk: string; sk: string }; item: Record<string, unknown> }, lines: AllocatedLine[], movement: MovementTemplate, now: string): DynamoDBTransactWriteItemsRequest {
  const items: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(record.key),
      attributeValues: util.dynamodb.toMapValues(record.item),
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: true },
    },
  ];
  for (const line of lines) {
    const m = movementUpdate(
      { reason: movement.reason, actor: movement.actor, reference: movement.reference, onHandDelta: movement.onHandPerUnit * line.quantity, reservedDelta: movement.reservedPerUnit * line.quantity },
      now,
    );
    items.push({
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(inventoryKey(line.productId, line.warehouseId)),
      update: m.update,
      condition: { expression: m.condition.expression, expressionNames: m.condition.expressionNames, expressionValues: m.condition.expressionValues, returnValuesOnConditionCheckFailure: true },
    });
  }
  return { operation: 'TransactWriteItems', transactItems: items };
}

/**
 * Interprets a cancelled stock transaction. Returns the existing record `R` when the idempotency
 * record already existed (a retry); raises NotFound/InsufficientStock naming every failed line, or
 * a retryable Conflict when every short line was allocated from a read that showed it servable
 * (the chosen warehouse ran out in between; a retry reads again and re-allocates).
 */
export function existingRecordOrFail<R>(error: { message: string; type: string }, result: unknown, lines: AllocatedLine[], allocation: AllocationStash): R {
  // Item 0 is the idempotency record (R), the others are stock items.
  const reasons = conditionFailures<unknown>(error, result);
  const first = reasons[0];
  if (isConditionFailure(first) && first && first.item) return first.item as R;
  const missing: { productId: string; warehouseId: string }[] = [];
  const short: { productId: string; warehouseId: string; requested: number; available: number }[] = [];
  const raced: { productId: string; warehouseId: string }[] = [];
  lines.forEach((line, i) => {
    const reason = reasons[i + 1];
    if (isConditionFailure(reason)) {
      const current = reason?.item as InventoryRecord | null | undefined;
      if (!current) missing.push({ productId: line.productId, warehouseId: line.warehouseId });
      else if (raceLost(allocation, line.productId, line.warehouseId)) raced.push({ productId: line.productId, warehouseId: line.warehouseId });
      else short.push({ productId: line.productId, warehouseId: line.warehouseId, requested: line.quantity, available: current.available });
    }
  });
  if (missing.length > 0) fail('Unknown product or warehouse.', 'NotFound', { lines: missing });
  if (short.length === 0 && raced.length > 0) {
    fail('The allocated warehouse ran out while this request was written; retry it with the same request id.', 'Conflict', { retryable: true, lines: raced });
  }
  return fail('Not enough stock for some lines.', 'InsufficientStock', { lines: short });
}
