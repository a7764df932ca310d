/**
 * What the receipts worker reads and writes: the `OrderCreated` envelope in an EventBridge event's
 * `detail`, checked field by field (a malformed event is a poison message: it throws, so the rule
 * retries it and parks it in the dead-letter queue with the reason), and the receipt it becomes.
 */
import { isObject } from '../commons/inventory-model.js';
import { receiptIdFor, receiptKey, type ReceiptLine, type ReceiptRecord } from '../../model/receipts.js';

export class InvalidOrderCreatedError extends Error {
  constructor(message: string) {
    super(`not an OrderCreated event: ${message}`);
    this.name = 'InvalidOrderCreatedError';
  }
}

export interface OrderCreatedFacts {
  readonly eventId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly items: ReceiptLine[];
  readonly currency: string;
  readonly total: number;
}

function text(o: Record<string, unknown>, field: string, where: string): string {
  const v = o[field];
  if (typeof v !== 'string' || v === '') throw new InvalidOrderCreatedError(`${where}.${field} must be a non-empty string`);
  return v;
}

function count(o: Record<string, unknown>, field: string, where: string): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new InvalidOrderCreatedError(`${where}.${field} must be a non-negative integer`);
  return v;
}

/** The facts of an EventBridge event carrying an `OrderCreated` envelope as its `detail`. */
export function orderCreatedFacts(event: unknown): OrderCreatedFacts {
  if (!isObject(event)) throw new InvalidOrderCreatedError('the event must be an object');
  const detail = event['detail'];
  if (!isObject(detail)) throw new InvalidOrderCreatedError('detail must be an object');
  if (detail['type'] !== 'OrderCreated') throw new InvalidOrderCreatedError(`detail.type is ${JSON.stringify(detail['type'])}`);
  const data = detail['data'];
  if (!isObject(data)) throw new InvalidOrderCreatedError('detail.data must be an object');
  const items = data['items'];
  if (!Array.isArray(items) || items.length === 0) throw new InvalidOrderCreatedError('data.items must be a non-empty list');
  return {
    eventId: text(detail, 'eventId', 'detail'),
    orderId: text(data, 'orderId', 'data'),
    customerId: text(data, 'customerId', 'data'),
    currency: text(data, 'currency', 'data'),
    total: count(data, 'total', 'data'),
    items: items.map((l: unknown, i) => {
      if (!isObject(l)) throw new InvalidOrderCreatedError(`data.items[${i}] must be an object`);
      const where = `data.items[${i}]`;
      return { productId: text(l, 'productId', where), quantity: count(l, 'quantity', where), unitPrice: count(l, 'unitPrice', where) };
    }),
  };
}

/** The receipt item for an order (keys included), generated at `now`. */
export function receiptItem(facts: OrderCreatedFacts, now: Date): ReceiptRecord & { pk: string; sk: string } {
  return {
    ...receiptKey(facts.orderId),
    entity: 'Receipt',
    id: receiptIdFor(facts.orderId),
    orderId: facts.orderId,
    customerId: facts.customerId,
    items: facts.items,
    currency: facts.currency,
    total: facts.total,
    generatedAt: now.toISOString(),
    sourceEventId: facts.eventId,
  };
}
