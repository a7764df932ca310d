/** Stored shapes of the order domain and how a new order record is put together. */
import { orderIndexKeys, orderKey } from './keys.js';
import { INITIAL_STATUS, type OrderStatusName } from './status.js';

export interface OrderItemRecord {
  productId: string;
  /** Set when the order came from a reservation (the warehouse its units were committed from). */
  warehouseId: string | null;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface StatusChangeRecord {
  status: OrderStatusName;
  at: string;
  actor: string;
  reason: string | null;
}

export interface OrderRecord {
  entity: 'Order';
  id: string;
  customerId: string;
  partnerId: string | null;
  /** Idempotency scope of the creator (partner id or admin label). */
  scope: string;
  items: OrderItemRecord[];
  currency: string;
  total: number;
  status: OrderStatusName;
  reservationId: string | null;
  /** True when creating the order committed stock (checkout): canceling gives it back. */
  stockCommitted: boolean;
  idempotencyKey: string | null;
  createdAt: string;
  updatedAt: string;
  statusHistory: StatusChangeRecord[];
  version: number;
}

/** What an idempotency key or a payload fingerprint points at, until `expiresAtMs`. */
export type OrderIdempotencyRecord = {
  entity: 'OrderIdempotencyKey' | 'OrderFingerprint';
  orderId: string;
  /** The canonical payload the key was first used with (keys only). */
  payload: string | null;
  expiresAtMs: number;
  /** DynamoDB TTL (epoch seconds): deletion is lazy, so `expiresAtMs` is what decides. */
  ttl: number;
};

export interface NewOrder {
  id: string;
  customerId: string;
  partnerId: string | null;
  scope: string;
  actor: string;
  items: OrderItemRecord[];
  currency: string;
  total: number;
  reservationId: string | null;
  stockCommitted: boolean;
  idempotencyKey: string | null;
  now: string;
}

/** The order as first written, with its keys and index attributes. */
export function newOrderItem(o: NewOrder): { key: { pk: string; sk: string }; record: OrderRecord; item: Record<string, unknown> } {
  const record: OrderRecord = {
    entity: 'Order',
    id: o.id,
    customerId: o.customerId,
    partnerId: o.partnerId,
    scope: o.scope,
    items: o.items,
    currency: o.currency,
    total: o.total,
    status: INITIAL_STATUS,
    reservationId: o.reservationId,
    stockCommitted: o.stockCommitted,
    idempotencyKey: o.idempotencyKey,
    createdAt: o.now,
    updatedAt: o.now,
    statusHistory: [{ status: INITIAL_STATUS, at: o.now, actor: o.actor, reason: null }],
    version: 1,
  };
  const key = orderKey(o.id);
  const item: Record<string, unknown> = Object.assign(
    {},
    key,
    record,
    orderIndexKeys({ id: o.id, customerId: o.customerId, partnerId: o.partnerId, status: INITIAL_STATUS, createdAt: o.now }),
  );
  return { key, record, item };
}

/** Whether a stored idempotency record still decides (DynamoDB TTL may not have deleted it yet). */
export function isLive(record: OrderIdempotencyRecord | null | undefined, nowMs: number): boolean {
  return !!record && record.expiresAtMs > nowMs;
}
