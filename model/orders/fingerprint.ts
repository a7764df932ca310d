/**
 * The canonical form of an order payload: what "an identical payload" means for duplicate
 * detection and for comparing a reused idempotency key. Key order and item order do not matter;
 * the idempotency key itself is not part of the payload.
 */
import type { ValidOrderInput } from './validation.js';

export function canonicalPayload(order: ValidOrderInput): string {
  // sort() without a comparator (APPSYNC_JS allows no other): the entries are JSON strings.
  const items = order.items.map((i) => JSON.stringify([i.productId, i.quantity, i.unitPrice]));
  items.sort();
  return JSON.stringify([order.customerId, order.currency, order.reservationId, items]);
}
