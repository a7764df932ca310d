/**
 * The final step of reserveStock and commitStock: one TransactWriteItems with the idempotency
 * record (`IDEMPOTENCY#<kind>#<scope>#<requestId>`, `attribute_not_exists`, pointing to the new
 * id), the reservation or commit itself, and one conditional movement per stock item. Its
 * cancellation is read back into the product's errors.
 */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { fail } from './errors';
import type { StockMovementReason } from '../generated/graphql';
import { movementTransactItem } from './inventory';
import { idempotencyKey, type IdempotentKind } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import type { AllocatedLine } from './lines';
import type { Actor } from './identity';
import { scopeOf, type IdempotencyRecord } from './reservations';
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

type ItemToPut = { key: { pk: string; sk: string }; item: Record<string, unknown> };

/** The idempotency record of `actor`'s `requestId`, pointing to the new `targetId`. */
export function idempotencyItem(
  kind: IdempotentKind,
  actor: Actor,
  requestId: string,
  record: { targetId: string; fingerprint: string; createdAt: string; ttl: number },
): ItemToPut {
  const item: IdempotencyRecord = {
    entity: 'Idempotency',
    targetId: record.targetId,
    fingerprint: record.fingerprint,
    createdAt: record.createdAt,
    ttl: record.ttl,
  };
  return { key: idempotencyKey(kind, scopeOf(actor), requestId), item };
}

export function stockTransaction(
  table: string,
  idempotency: ItemToPut,
  record: ItemToPut,
  lines: AllocatedLine[],
  movement: MovementTemplate,
  now: string,
): DynamoDBTransactWriteItemsRequest {
  const items: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(idempotency.key),
      attributeValues: util.dynamodb.toMapValues(idempotency.item),
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: true },
    },
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(record.key),
      attributeValues: util.dynamodb.toMapValues(record.item),
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: true },
    },
  ];
  for (const line of lines) {
    items.push(
      movementTransactItem(
        table,
        line,
        {
          reason: movement.reason,
          actor: movement.actor,
          reference: movement.reference,
          onHandDelta: movement.onHandPerUnit * line.quantity,
          reservedDelta: movement.reservedPerUnit * line.quantity,
        },
        now,
        true,
      ),
    );
  }
  return { operation: 'TransactWriteItems', transactItems: items };
}

/** Items before the stock lines: the idempotency record and the reservation or commit. */
const RECORDS_BEFORE_LINES = 2;

/**
 * Interprets a cancelled stock transaction. Returns the existing idempotency record when the
 * request id was used before (a retry); raises NotFound/InsufficientStock naming every failed line,
 * or a retryable Conflict when every short line was allocated from a read that showed it servable
 * (the chosen warehouse ran out in between; a retry reads again and re-allocates).
 * (Item 1, the new record, has a fresh ULID id, so it never fails its condition.)
 */
export function existingRecordOrFail(
  error: { message: string; type: string },
  result: unknown,
  lines: AllocatedLine[],
  allocation: AllocationStash,
): IdempotencyRecord {
  const reasons = conditionFailures<unknown>(error, result);
  const first = reasons[0];
  if (isConditionFailure(first) && first && first.item) return first.item as IdempotencyRecord;
  const missing: { productId: string; warehouseId: string }[] = [];
  const short: { productId: string; warehouseId: string; requested: number; available: number }[] = [];
  const raced: { productId: string; warehouseId: string }[] = [];
  lines.forEach((line, i) => {
    const reason = reasons[i + RECORDS_BEFORE_LINES];
    if (isConditionFailure(reason)) {
      const current = reason?.item as InventoryRecord | null | undefined;
      if (!current) missing.push({ productId: line.productId, warehouseId: line.warehouseId });
      else if (raceLost(allocation, line.productId, line.warehouseId))
        raced.push({ productId: line.productId, warehouseId: line.warehouseId });
      else short.push({ productId: line.productId, warehouseId: line.warehouseId, requested: line.quantity, available: current.available });
    }
  });
  if (missing.length > 0) fail('Unknown product or warehouse.', 'NotFound', { lines: missing });
  if (short.length === 0 && raced.length > 0) {
    fail('The allocated warehouse ran out while this request was written; retry it with the same request id.', 'Conflict', {
      retryable: true,
      lines: raced,
    });
  }
  return fail('Not enough stock for some lines.', 'InsufficientStock', { lines: short });
}
