/** Inventory records: keys, the one update that moves stock, and record → GraphQL mapping. */
import { util, type DynamoDBExpression } from '@aws-appsync/utils';
import type { InventoryItem, StockMovementReason, StockStatus } from '../generated/graphql';

/** Largest stock figure accepted anywhere (keeps sums far from float precision limits). */
export const MAX_UNITS = 1000000000;

export function inventoryKey(productId: string, warehouseId: string): { pk: string; sk: string } {
  return { pk: `PRODUCT#${productId}`, sk: `STOCK#${warehouseId}` };
}

export function warehouseRegistryKey(warehouseId: string): { pk: string; sk: string } {
  return { pk: 'WAREHOUSES', sk: `WAREHOUSE#${warehouseId}` };
}

/** Expression names of every attribute an upsert of a stock item sets (setStock, receiveStock). */
export const ITEM_UPSERT_NAMES: Record<string, string> = {
  '#onHand': 'onHand',
  '#available': 'available',
  '#reserved': 'reserved',
  '#threshold': 'threshold',
  '#version': 'version',
  '#sequence': 'sequence',
  '#updatedAt': 'updatedAt',
  '#productId': 'productId',
  '#warehouseId': 'warehouseId',
  '#entity': 'entity',
  '#lastMovement': 'lastMovement',
};

/**
 * The clauses and values every upsert of a stock item shares: counters created at zero, version and
 * sequence moved by one, identity attributes, and the movement for the ledger. Callers add the
 * clauses that set onHand/available/threshold.
 */
export function upsertClauses(productId: string, warehouseId: string, movement: Record<string, unknown>, now: string): { sets: string[]; values: Record<string, unknown> } {
  return {
    sets: [
      '#reserved = if_not_exists(#reserved, :zero)',
      '#version = if_not_exists(#version, :zero) + :one',
      '#sequence = if_not_exists(#sequence, :zero) + :one',
      '#updatedAt = :now',
      '#productId = :productId',
      '#warehouseId = :warehouseId',
      '#entity = :entity',
      '#lastMovement = :movement',
    ],
    values: { ':zero': 0, ':one': 1, ':now': now, ':productId': productId, ':warehouseId': warehouseId, ':entity': 'InventoryItem', ':movement': movement },
  };
}

export interface InventoryRecord {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
  version: number;
  sequence: number;
  updatedAt: string;
}

/** SPEC §2: OUT_OF_STOCK when available ≤ 0, LOW_STOCK when available ≤ threshold. */
export function stockStatus(available: number, threshold: number): StockStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  if (available <= threshold) return 'LOW_STOCK';
  return 'IN_STOCK';
}

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
  };
}

export interface Movement {
  reason: StockMovementReason;
  actor: string;
  reference: string | null;
  onHandDelta: number;
  reservedDelta: number;
}

/**
 * The one write that moves stock on an existing item: onHand, reserved and available change
 * together, `sequence` goes up by one, `version` too when onHand changes, and the movement is
 * recorded in `lastMovement` for the ledger (README.md, Data model). When available goes down, the
 * condition `available >= :need` is the oversell guard.
 */
export function movementUpdate(m: Movement, now: string): { update: DynamoDBExpression; condition: DynamoDBExpression } {
  const availableDelta = m.onHandDelta - m.reservedDelta;
  const names: Record<string, string> = {
    '#pk': 'pk',
    '#onHand': 'onHand',
    '#reserved': 'reserved',
    '#available': 'available',
    '#sequence': 'sequence',
    '#updatedAt': 'updatedAt',
    '#lastMovement': 'lastMovement',
  };
  const values: Record<string, unknown> = {
    ':dOnHand': m.onHandDelta,
    ':dReserved': m.reservedDelta,
    ':dAvailable': availableDelta,
    ':one': 1,
    ':now': now,
    ':movement': { reason: m.reason, actor: m.actor, reference: m.reference, onHandDelta: m.onHandDelta, reservedDelta: m.reservedDelta, at: now },
  };
  const sets = [
    '#onHand = #onHand + :dOnHand',
    '#reserved = #reserved + :dReserved',
    '#available = #available + :dAvailable',
    '#sequence = #sequence + :one',
    '#updatedAt = :now',
    '#lastMovement = :movement',
  ];
  // version tracks onHand/threshold changes only (what setStock's expectedVersion protects).
  if (m.onHandDelta !== 0) {
    sets.push('#version = #version + :one');
    names['#version'] = 'version';
  }
  const conditionValues: Record<string, unknown> = {};
  let condition = 'attribute_exists(#pk)';
  if (availableDelta < 0) {
    condition = 'attribute_exists(#pk) AND #available >= :need';
    conditionValues[':need'] = -availableDelta;
  }
  return {
    update: { expression: `SET ${sets.join(', ')}`, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition:
      availableDelta < 0
        ? { expression: condition, expressionNames: { '#pk': 'pk', '#available': 'available' }, expressionValues: util.dynamodb.toMapValues(conditionValues) }
        : { expression: condition, expressionNames: { '#pk': 'pk' } },
  };
}
