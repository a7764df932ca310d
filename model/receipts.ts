/**
 * The receipt of an order (docs/events.md): one per order, stored by the receipts worker when it
 * sees the order's `OrderCreated`. Its key is derived from the order id alone, so a redelivered
 * event finds the receipt already there (the worker's put is conditional on the key being free).
 * - `RECEIPT#<orderId>` / `RECEIPT`: the receipt.
 */
import type { Key } from './keys.js';

export const RECEIPT_PREFIX = 'RECEIPT#';
export const RECEIPT_SORT_KEY = 'RECEIPT';

export interface ReceiptLine {
  productId: string;
  quantity: number;
  unitPrice: number;
}

/** A type alias, not an interface: it passes where a plain record is expected (stream images). */
export type ReceiptRecord = {
  entity: 'Receipt';
  id: string;
  orderId: string;
  customerId: string;
  items: ReceiptLine[];
  currency: string;
  total: number;
  /** When the worker stored it: the `occurredAt` of its `ReceiptGenerated`. */
  generatedAt: string;
  /** The `eventId` of the `OrderCreated` that produced it (traceability). */
  sourceEventId: string;
};

export function receiptKey(orderId: string): Key {
  return { pk: `${RECEIPT_PREFIX}${orderId}`, sk: RECEIPT_SORT_KEY };
}

/** `rcpt_` + the order id without its `ord_` prefix: one receipt id per order, stable. */
export function receiptIdFor(orderId: string): string {
  return `rcpt_${orderId.startsWith('ord_') ? orderId.slice(4) : orderId}`;
}

export function isReceiptKey(keys: Record<string, unknown>): boolean {
  return typeof keys['pk'] === 'string' && keys['pk'].startsWith(RECEIPT_PREFIX) && keys['sk'] === RECEIPT_SORT_KEY;
}
