/**
 * The inventory records of docs/data-model.md as Lambda functions see them: the model's keys and
 * expressions (model/, the same files the resolvers bundle), and parsers that check every field
 * they use (stream images and query results are data, not types). Shared by the stream
 * processor, the reservation sweeper and the consistency check.
 */
import { isMovementReason, MOVEMENT_REASONS } from '../../model/enums.js';
import { inventoryIdsOf } from '../../model/keys.js';
import type { InventoryRecord, LedgerRow, MovementRecord as Movement, ReservationLine } from '../../model/records.js';
import type { PlainExpression, PlainUpdate } from '../../model/stock-movement.js';

export {
  ACTIVE_INDEX,
  RESERVATION_SHARDS,
  activeShardKey,
  inventoryIdsOf,
  inventoryKey,
  ledgerKey,
  reservationKey,
  type Key,
} from '../../model/keys.js';
export { MOVEMENT_REASONS, isMovementReason, type StockMovementReason as MovementReason } from '../../model/enums.js';
export { RETENTION_SECONDS } from '../../model/retention.js';
export type { LedgerRow, MovementRecord as Movement, ReservationLine } from '../../model/records.js';

/** A model update (model/stock-movement.ts) in the DocumentClient's shape: one item's Update. */
export function documentUpdate(u: PlainUpdate): {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  return {
    UpdateExpression: u.update.expression,
    ConditionExpression: u.condition.expression,
    ExpressionAttributeNames: { ...u.update.expressionNames, ...u.condition.expressionNames },
    ExpressionAttributeValues: { ...valuesOf(u.update), ...valuesOf(u.condition) },
  };
}

function valuesOf(e: PlainExpression): Record<string, unknown> {
  return e.expressionValues ?? {};
}

export class RecordShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordShapeError';
  }
}

/** A stored InventoryItem as parsed: older items may lack `updatedAt` or a movement. */
export interface InventoryState extends Omit<InventoryRecord, 'updatedAt'> {
  updatedAt: string | null;
  lastMovement: Movement | null;
}

export interface ReservationState {
  id: string;
  status: string;
  lines: ReservationLine[];
  expiresAt: string;
  expiresAtEpoch: number;
}

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function int(obj: Obj, field: string, where: string): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new RecordShapeError(`${where}.${field} must be an integer, got ${JSON.stringify(v)}`);
  return v;
}

function optInt(obj: Obj, field: string, where: string, fallback: number): number {
  return obj[field] === undefined || obj[field] === null ? fallback : int(obj, field, where);
}

function str(obj: Obj, field: string, where: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v === '')
    throw new RecordShapeError(`${where}.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function optStr(obj: Obj, field: string, where: string): string | null {
  const v = obj[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new RecordShapeError(`${where}.${field} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

export function parseMovement(raw: unknown, where = 'lastMovement'): Movement {
  if (!isObject(raw)) throw new RecordShapeError(`${where} must be a map, got ${JSON.stringify(raw)}`);
  const reason = raw['reason'];
  if (!isMovementReason(reason))
    throw new RecordShapeError(`${where}.reason must be one of ${MOVEMENT_REASONS.join(', ')}, got ${JSON.stringify(reason)}`);
  return {
    reason,
    actor: str(raw, 'actor', where),
    reference: optStr(raw, 'reference', where),
    onHandDelta: raw['onHandDelta'] === null ? null : int(raw, 'onHandDelta', where),
    reservedDelta: int(raw, 'reservedDelta', where),
    at: str(raw, 'at', where),
  };
}

/** An InventoryItem (`PRODUCT#p`/`STOCK#w`) from a plain (unmarshalled) item. */
export function parseInventoryItem(raw: unknown, where = 'InventoryItem'): InventoryState {
  if (!isObject(raw)) throw new RecordShapeError(`${where} must be a map`);
  const ids = inventoryIdsOf(raw);
  if (!ids) throw new RecordShapeError(`${where} has no inventory key (pk=${JSON.stringify(raw['pk'])}, sk=${JSON.stringify(raw['sk'])})`);
  return {
    ...ids,
    onHand: int(raw, 'onHand', where),
    reserved: int(raw, 'reserved', where),
    available: int(raw, 'available', where),
    threshold: optInt(raw, 'threshold', where, 0),
    version: optInt(raw, 'version', where, 0),
    sequence: int(raw, 'sequence', where),
    updatedAt: optStr(raw, 'updatedAt', where),
    lastMovement:
      raw['lastMovement'] === undefined || raw['lastMovement'] === null
        ? null
        : parseMovement(raw['lastMovement'], `${where}.lastMovement`),
  };
}

export function parseLedgerRow(raw: unknown, where = 'LedgerEntry'): LedgerRow {
  if (!isObject(raw)) throw new RecordShapeError(`${where} must be a map`);
  const reason = raw['reason'];
  if (!isMovementReason(reason)) throw new RecordShapeError(`${where}.reason is not a movement reason: ${JSON.stringify(reason)}`);
  return {
    productId: str(raw, 'productId', where),
    warehouseId: str(raw, 'warehouseId', where),
    sequence: int(raw, 'sequence', where),
    reason,
    onHandDelta: int(raw, 'onHandDelta', where),
    reservedDelta: int(raw, 'reservedDelta', where),
    onHandAfter: int(raw, 'onHandAfter', where),
    reservedAfter: int(raw, 'reservedAfter', where),
    availableAfter: int(raw, 'availableAfter', where),
  };
}

export function parseReservation(raw: unknown, where = 'Reservation'): ReservationState {
  if (!isObject(raw)) throw new RecordShapeError(`${where} must be a map`);
  const linesRaw = raw['lines'];
  if (!Array.isArray(linesRaw)) throw new RecordShapeError(`${where}.lines must be a list`);
  const lines = linesRaw.map((l: unknown, i: number): ReservationLine => {
    const lw = `${where}.lines[${i}]`;
    if (!isObject(l)) throw new RecordShapeError(`${lw} must be a map`);
    const quantity = int(l, 'quantity', lw);
    if (quantity <= 0) throw new RecordShapeError(`${lw}.quantity must be positive`);
    return { productId: str(l, 'productId', lw), warehouseId: str(l, 'warehouseId', lw), quantity };
  });
  return {
    id: str(raw, 'id', where),
    status: str(raw, 'status', where),
    lines,
    expiresAt: str(raw, 'expiresAt', where),
    expiresAtEpoch: int(raw, 'expiresAtEpoch', where),
  };
}

/** Lines for the same item summed (one transaction may not touch an item twice). */
export function sumLines(lines: readonly ReservationLine[]): ReservationLine[] {
  const byItem = new Map<string, ReservationLine>();
  for (const line of lines) {
    const key = `${line.productId}\u0000${line.warehouseId}`;
    const seen = byItem.get(key);
    if (seen) seen.quantity += line.quantity;
    else byItem.set(key, { ...line });
  }
  return [...byItem.values()];
}
