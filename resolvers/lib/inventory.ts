/** Inventory records as resolvers see them: record → GraphQL mapping and marshalled movements. */
import { util, type DynamoDBExpression, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { InventoryItem } from '../generated/graphql';
import { inventoryKey } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import { stockStatus } from '../../model/stock-status';
import { movementUpdate as plainMovementUpdate, type Movement, type PlainExpression, type PlainUpdate } from '../../model/stock-movement';

export function toInventoryItem(record: InventoryRecord): InventoryItem {
  return {
    productId: record.productId,
    warehouseId: record.warehouseId,
    onHand: record.onHand,
    reserved: record.reserved,
    available: record.available,
    threshold: record.threshold,
    status: stockStatus(record.available, record.threshold),
    version: record.version,
    sequence: record.sequence,
    updatedAt: record.updatedAt,
    category: typeof record.category === 'string' ? record.category : null,
  };
}

/** A model expression with its values marshalled for an AppSync DynamoDB request. */
export function marshalExpression(e: PlainExpression): DynamoDBExpression {
  if (!e.expressionValues) return { expression: e.expression, expressionNames: e.expressionNames };
  return { expression: e.expression, expressionNames: e.expressionNames, expressionValues: util.dynamodb.toMapValues(e.expressionValues) };
}

export function marshalUpdate(u: PlainUpdate): { update: DynamoDBExpression; condition: DynamoDBExpression } {
  return { update: marshalExpression(u.update), condition: marshalExpression(u.condition) };
}

/** The model's stock movement (model/stock-movement.ts), marshalled for AppSync. */
export function movementUpdate(m: Movement, now: string): { update: DynamoDBExpression; condition: DynamoDBExpression } {
  return marshalUpdate(plainMovementUpdate(m, now));
}

/**
 * One stock movement as a transaction item: the item's conditional update. `returnOnFailure` asks
 * for the item's values when its condition fails (the caller names the lines that lacked stock).
 */
export function movementTransactItem(
  table: string,
  line: { productId: string; warehouseId: string },
  movement: Movement,
  now: string,
  returnOnFailure: boolean,
): DynamoDBTransactWriteItemsRequest['transactItems'][number] {
  const m = movementUpdate(movement, now);
  return {
    table,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(line.productId, line.warehouseId)),
    update: m.update,
    condition: {
      expression: m.condition.expression,
      expressionNames: m.condition.expressionNames,
      expressionValues: m.condition.expressionValues,
      returnValuesOnConditionCheckFailure: returnOnFailure,
    },
  };
}
