/**
 * Table keys of the order domain (one table, docs/orders.md):
 * - `ORDER#<id>` / `ORDER`: the order;
 * - `ORDERKEY#<scope>#<key>` / `ORDERKEY`: an idempotency key (24 h), scoped per caller;
 * - `ORDERFP#<scope>#<canonical payload>` / `ORDERFP`: a keyless payload fingerprint (15 s).
 * Index entries: gsi1 by status, gsi2 by customer (admin), gsi3 by partner and customer,
 * gsi4 all orders; every sort key is `<createdAt>#<id>`, so newest first is a reversed Query.
 */
import type { OrderStatusName } from './status.js';

/** A type alias, not an interface: `util.dynamodb.toMapValues` accepts only index-compatible types. */
export type TableKey = {
  pk: string;
  sk: string;
};

export function orderKey(id: string): TableKey {
  return { pk: `ORDER#${id}`, sk: 'ORDER' };
}

/** Idempotency keys hold no `#`, so the key part is unambiguous whatever the scope. */
export function idempotencyRecordKey(scope: string, idempotencyKey: string): TableKey {
  return { pk: `ORDERKEY#${scope}#${idempotencyKey}`, sk: 'ORDERKEY' };
}

/** The canonical payload is bounded by the 1 KB input cap, well inside a 2 KB partition key. */
export function fingerprintRecordKey(scope: string, canonical: string): TableKey {
  return { pk: `ORDERFP#${scope}#${canonical}`, sk: 'ORDERFP' };
}

export function orderIdFrom(ulid: string): string {
  return `ord_${ulid}`;
}

export const ORDER_SORT_PREFIX = 'ORDER#';

export function orderSortKey(createdAt: string, id: string): string {
  return `${ORDER_SORT_PREFIX}${createdAt}#${id}`;
}

export function statusIndexPartition(status: OrderStatusName): string {
  return `ORDER#STATUS#${status}`;
}

export function customerIndexPartition(customerId: string): string {
  return `CUSTOMER#${customerId}`;
}

export function partnerCustomerIndexPartition(partnerId: string, customerId: string): string {
  return `PARTNER#${partnerId}#CUSTOMER#${customerId}`;
}

export const ALL_ORDERS_PARTITION = 'ORDER';

/** The index attributes an order carries; gsi3 only when a partner created it. */
export function orderIndexKeys(order: {
  id: string;
  customerId: string;
  partnerId: string | null;
  status: OrderStatusName;
  createdAt: string;
}): Record<string, string> {
  const sk = orderSortKey(order.createdAt, order.id);
  const keys: Record<string, string> = {
    gsi1pk: statusIndexPartition(order.status),
    gsi1sk: sk,
    gsi2pk: customerIndexPartition(order.customerId),
    gsi2sk: sk,
    gsi4pk: ALL_ORDERS_PARTITION,
    gsi4sk: sk,
  };
  if (order.partnerId) {
    keys.gsi3pk = partnerCustomerIndexPartition(order.partnerId, order.customerId);
    keys.gsi3sk = sk;
  }
  return keys;
}
