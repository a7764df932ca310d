/**
 * The order status machine: PENDING → PAID → SHIPPED → DELIVERED, PENDING | PAID → CANCELED.
 * `ALLOWED_FROM[target]` is what the conditional write puts in `status IN (...)`.
 */

export type OrderStatusName = 'PENDING' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELED';

export const ORDER_STATUSES: OrderStatusName[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELED'];

export const INITIAL_STATUS: OrderStatusName = 'PENDING';

export const ALLOWED_FROM: Record<OrderStatusName, OrderStatusName[]> = {
  PENDING: [],
  PAID: ['PENDING'],
  SHIPPED: ['PAID'],
  DELIVERED: ['SHIPPED'],
  CANCELED: ['PENDING', 'PAID'],
};

export function canTransition(from: OrderStatusName, to: OrderStatusName): boolean {
  return ALLOWED_FROM[to].indexOf(from) >= 0;
}

/** Canceling these gives committed stock back (the order took it from a reservation). */
export function restocksOnCancel(from: OrderStatusName): boolean {
  return from === 'PENDING' || from === 'PAID';
}
