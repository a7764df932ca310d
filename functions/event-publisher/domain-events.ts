/**
 * Which domain events a change-stream record means (docs/events.md): inventory items yield
 * `StockChanged` for every movement, plus `LowStockDetected` when `available` crosses from above
 * the threshold to at or below it (staying at or above zero) and `InventoryOversold` when it
 * crosses below zero; reservations yield one event per lifecycle step. `eventId` is derived from
 * the stream record's `eventID` and the type, so a replayed record carries the same ids.
 */
import { createHash } from 'node:crypto';
import {
  inventoryIdsOf,
  isObject,
  parseInventoryItem,
  RecordShapeError,
  type InventoryState,
  type ReservationLine,
} from '../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';
import { isReceiptKey } from '../../model/receipts.js';
import { isOrderKey, orderEvents, type OrderEventType } from './order-events.js';
import { receiptEvents, type ReceiptEventType } from './receipt-events.js';
import { isProductKey, productUpdateOf } from './product-events.js';
import { customerEventsFor } from './customer-events.js';

export const SCHEMA_VERSION = 1;

export type InventoryEventType = 'StockChanged' | 'LowStockDetected' | 'InventoryOversold';
export type ReservationEventType = 'InventoryReserved' | 'ReservationReleased' | 'ReservationExpired' | 'ReservationConfirmed';
export type ProductEventType = 'ProductUpdated';
export type CustomerEventType = 'CustomerUpserted' | 'CustomerImportCompleted';
export type DomainEventType =
  InventoryEventType | ReservationEventType | OrderEventType | ReceiptEventType | ProductEventType | CustomerEventType;

export interface DomainEvent {
  readonly eventId: string;
  readonly type: DomainEventType;
  readonly version: number;
  readonly occurredAt: string;
  readonly source:
    | 'stockroom.inventory'
    | 'stockroom.reservations'
    | 'stockroom.orders'
    | 'stockroom.receipts'
    | 'stockroom.catalog'
    | 'stockroom.customers';
  readonly data: Readonly<Record<string, unknown>>;
}

/** 32 hex characters of SHA-256(`<stream eventID>#<type>`): stable across replays. */
export function eventIdFor(streamEventId: string, type: DomainEventType): string {
  return createHash('sha256').update(`${streamEventId}#${type}`).digest('hex').slice(0, 32);
}

export function stockStatus(available: number, threshold: number): 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK' {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= threshold ? 'LOW_STOCK' : 'IN_STOCK';
}

export function occurredAt(record: ParsedStreamRecord, ...candidates: (string | null | undefined)[]): string {
  const own = candidates.find((c): c is string => typeof c === 'string' && !Number.isNaN(Date.parse(c)));
  if (own) return new Date(own).toISOString();
  // ApproximateCreationDateTime is epoch seconds in Lambda's stream events.
  return new Date((record.approximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString();
}

function inventoryEvents(record: ParsedStreamRecord): DomainEvent[] {
  if (record.eventName === 'REMOVE' || !record.newImage) return [];
  const after: InventoryState = parseInventoryItem({ ...record.newImage, ...record.keys }, 'NewImage');
  const before: InventoryState | null =
    record.eventName === 'MODIFY' && record.oldImage ? parseInventoryItem({ ...record.oldImage, ...record.keys }, 'OldImage') : null;
  // Only a movement raises the sequence; other writes (e.g. a threshold edit) are not stock changes.
  const moved = after.sequence > (before?.sequence ?? 0);
  const at = occurredAt(record, after.lastMovement?.at, after.updatedAt);
  const envelope = (type: InventoryEventType, data: Record<string, unknown>): DomainEvent => ({
    eventId: eventIdFor(record.eventId, type),
    type,
    version: SCHEMA_VERSION,
    occurredAt: at,
    source: 'stockroom.inventory',
    data,
  });
  const ids = { productId: after.productId, warehouseId: after.warehouseId };
  const counters = {
    available: after.available,
    onHand: after.onHand,
    reserved: after.reserved,
    threshold: after.threshold,
    sequence: after.sequence,
    at,
  };
  const events: DomainEvent[] = [];
  if (moved) {
    const movement = after.lastMovement;
    if (!movement)
      throw new RecordShapeError(
        `inventory item ${after.productId}/${after.warehouseId} reached sequence ${after.sequence} without a lastMovement`,
      );
    events.push(
      envelope('StockChanged', {
        ...ids,
        onHand: after.onHand,
        reserved: after.reserved,
        available: after.available,
        threshold: after.threshold,
        status: stockStatus(after.available, after.threshold),
        sequence: after.sequence,
        version: after.version,
        reason: movement.reason,
        actor: movement.actor,
        reference: movement.reference,
        // The images are the truth about the deltas (an admin set cannot declare its own).
        onHandDelta: after.onHand - (before?.onHand ?? 0),
        reservedDelta: after.reserved - (before?.reserved ?? 0),
        at,
      }),
    );
  }
  // A new item counts as coming from "above the threshold" and from "not oversold".
  const wasAbove = before === null || before.available > before.threshold;
  const wasNonNegative = before === null || before.available >= 0;
  if (after.available < 0 && wasNonNegative) events.push(envelope('InventoryOversold', { ...ids, ...counters }));
  else if (after.available >= 0 && after.available <= after.threshold && wasAbove)
    events.push(envelope('LowStockDetected', { ...ids, ...counters }));
  return events;
}

const RESERVATION_EVENTS: Record<string, ReservationEventType> = {
  ACTIVE: 'InventoryReserved',
  RELEASED: 'ReservationReleased',
  EXPIRED: 'ReservationExpired',
  CONFIRMED: 'ReservationConfirmed',
};

function text(image: Record<string, unknown>, field: string): string {
  const v = image[field];
  if (typeof v !== 'string' || v === '')
    throw new RecordShapeError(`Reservation.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function reservationLines(raw: unknown): ReservationLine[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new RecordShapeError('Reservation.lines must be a non-empty list');
  return raw.map((l: unknown, i) => {
    if (!isObject(l)) throw new RecordShapeError(`Reservation.lines[${i}] must be a map`);
    const quantity = l['quantity'];
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1)
      throw new RecordShapeError(`Reservation.lines[${i}].quantity must be a positive integer`);
    return { productId: text(l, 'productId'), warehouseId: text(l, 'warehouseId'), quantity };
  });
}

function reservationEvents(record: ParsedStreamRecord): DomainEvent[] {
  if (record.eventName === 'REMOVE' || !record.newImage) return []; // TTL deletes terminal records
  const image = record.newImage;
  const status = text(image, 'status');
  const previous = record.eventName === 'MODIFY' ? record.oldImage?.['status'] : undefined;
  if (status === previous) return []; // e.g. extendReservation: still ACTIVE
  const type = RESERVATION_EVENTS[status];
  if (!type) throw new RecordShapeError(`Reservation.status ${JSON.stringify(status)} is not a reservation state`);
  if (type === 'InventoryReserved' && record.eventName !== 'INSERT') return [];
  const at = occurredAt(
    record,
    type === 'InventoryReserved' ? (image['createdAt'] as string | undefined) : (image['updatedAt'] as string | undefined),
  );
  const partnerId = image['partnerId'];
  return [
    {
      eventId: eventIdFor(record.eventId, type),
      type,
      version: SCHEMA_VERSION,
      occurredAt: at,
      source: 'stockroom.reservations',
      data: {
        reservationId: text(image, 'id'),
        requestId: text(image, 'requestId'),
        partnerId: typeof partnerId === 'string' && partnerId !== '' ? partnerId : null,
        status,
        lines: reservationLines(image['lines']),
        expiresAt: new Date(text(image, 'expiresAt')).toISOString(),
        at,
      },
    },
  ];
}

function isReservationKey(keys: Record<string, unknown>): boolean {
  return typeof keys['pk'] === 'string' && keys['pk'].startsWith('RESERVATION#') && keys['sk'] === 'RESERVATION';
}

function productEvents(record: ParsedStreamRecord): DomainEvent[] {
  const update = productUpdateOf(record);
  if (!update) return [];
  return [
    {
      eventId: eventIdFor(record.eventId, update.type),
      type: update.type,
      version: SCHEMA_VERSION,
      occurredAt: update.at,
      source: 'stockroom.catalog',
      data: update.data,
    },
  ];
}

/** The events of one record, in a stable order; [] for items that publish nothing. */
export function domainEventsFor(record: ParsedStreamRecord): DomainEvent[] {
  if (inventoryIdsOf(record.keys)) return inventoryEvents(record);
  if (isReservationKey(record.keys)) return reservationEvents(record);
  if (isOrderKey(record.keys)) return orderEvents(record);
  if (isReceiptKey(record.keys)) return receiptEvents(record);
  if (isProductKey(record.keys)) return productEvents(record);
  const customers = customerEventsFor(record);
  if (customers) return customers;
  return [];
}
