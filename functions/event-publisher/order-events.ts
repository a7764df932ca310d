/**
 * The order events of a change-stream record (docs/events.md): an order's INSERT is
 * `OrderCreated`, a write that changes its `status` is `OrderStatusChanged` (from the old image's
 * status to the new one's). Other order writes (none today) publish nothing; the TTL-free order
 * is never removed, and a REMOVE publishes nothing either. Ids come from `eventIdFor`, so a
 * replayed record carries the same ids.
 */
import { isObject, RecordShapeError } from '../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';
import { ORDER_STATUSES, type OrderStatusName } from '../../model/orders/status.js';
import { MAX_QUANTITY } from '../../model/orders/limits.js';
import { eventIdFor, occurredAt, SCHEMA_VERSION, type DomainEvent } from './domain-events.js';

export type OrderEventType = 'OrderCreated' | 'OrderStatusChanged';

export interface OrderCreatedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

export function isOrderKey(keys: Record<string, unknown>): boolean {
  return typeof keys['pk'] === 'string' && keys['pk'].startsWith('ORDER#') && keys['sk'] === 'ORDER';
}

function text(image: Record<string, unknown>, field: string): string {
  const v = image[field];
  if (typeof v !== 'string' || v === '') throw new RecordShapeError(`Order.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function integer(image: Record<string, unknown>, field: string, where = 'Order'): number {
  const v = image[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new RecordShapeError(`${where}.${field} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
}

function status(image: Record<string, unknown>, which: string): OrderStatusName {
  const v = image['status'];
  if (typeof v !== 'string' || !(ORDER_STATUSES as string[]).includes(v))
    throw new RecordShapeError(`Order.status of the ${which} must be an order status, got ${JSON.stringify(v)}`);
  return v as OrderStatusName;
}

/**
 * The order's lines as the event states them (product, quantity, unit price). A checkout stores
 * one line per warehouse an item's units came from (consecutive, same product and price): those
 * are joined back into the item the customer ordered.
 */
export function orderedLines(raw: unknown): OrderCreatedLine[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new RecordShapeError('Order.items must be a non-empty list');
  const out: { productId: string; quantity: number; unitPrice: number }[] = [];
  raw.forEach((l: unknown, i) => {
    if (!isObject(l)) throw new RecordShapeError(`Order.items[${i}] must be a map`);
    const line = {
      productId: text(l, 'productId'),
      quantity: integer(l, 'quantity', `Order.items[${i}]`),
      unitPrice: integer(l, 'unitPrice', `Order.items[${i}]`),
    };
    const last = out[out.length - 1];
    if (
      last &&
      l['warehouseId'] &&
      last.productId === line.productId &&
      last.unitPrice === line.unitPrice &&
      last.quantity + line.quantity <= MAX_QUANTITY
    )
      last.quantity += line.quantity;
    else out.push(line);
  });
  return out;
}

function envelope(record: ParsedStreamRecord, type: OrderEventType, at: string, data: Record<string, unknown>): DomainEvent {
  return { eventId: eventIdFor(record.eventId, type), type, version: SCHEMA_VERSION, occurredAt: at, source: 'stockroom.orders', data };
}

/** When the order entered its current status: the last history entry's time, else `updatedAt`. */
function statusChangedAt(image: Record<string, unknown>): string | undefined {
  const history = image['statusHistory'];
  const last: unknown = Array.isArray(history) ? history[history.length - 1] : undefined;
  if (isObject(last) && last['status'] === image['status'] && typeof last['at'] === 'string') return last['at'];
  return typeof image['updatedAt'] === 'string' ? image['updatedAt'] : undefined;
}

export function orderEvents(record: ParsedStreamRecord): DomainEvent[] {
  if (record.eventName === 'REMOVE' || !record.newImage) return [];
  const image = record.newImage;
  if (record.eventName === 'INSERT') {
    const createdAt = occurredAt(record, image['createdAt'] as string | undefined);
    const reservationId = image['reservationId'];
    return [
      envelope(record, 'OrderCreated', createdAt, {
        orderId: text(image, 'id'),
        customerId: text(image, 'customerId'),
        items: orderedLines(image['items']),
        currency: text(image, 'currency'),
        total: integer(image, 'total'),
        status: status(image, 'new order'),
        reservationId: typeof reservationId === 'string' && reservationId !== '' ? reservationId : null,
        createdAt,
      }),
    ];
  }
  if (!record.oldImage) return [];
  const from = status(record.oldImage, 'old image');
  const to = status(image, 'new image');
  if (from === to) return [];
  const at = occurredAt(record, statusChangedAt(image));
  return [envelope(record, 'OrderStatusChanged', at, { orderId: text(image, 'id'), customerId: text(image, 'customerId'), from, to, at })];
}
