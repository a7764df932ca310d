/** What the order pipelines' handlers leave in the stash for the later steps. */
import type { OrderItemRecord, OrderRecord } from '../../model/orders/records';
import type { OrderStatusName } from '../../model/orders/status';
import type { ValidOrderInput } from '../../model/orders/validation';
import type { Actor } from './identity';
import type { ReservationRecord } from '../../model/records';

export interface CreateOrderStash {
  actor: Actor;
  /** Idempotency scope: the partner id, or the admin's label. */
  scope: string;
  input: ValidOrderInput;
  /** The explicit key (argument or header), or null for the 15-second payload rule. */
  idempotencyKey: string | null;
  payload: string;
  /** Key of the idempotency record: the key's, or the payload fingerprint's. */
  recordKey: { pk: string; sk: string };
  orderId: string;
  nowMs: number;
  reservation?: ReservationRecord;
  /** Order items with their warehouses (checkout) or without (no reservation). */
  items?: OrderItemRecord[];
  order?: OrderRecord;
  /** Set once the request turned out to be a duplicate: the order to return. */
  duplicateOf?: string;
}

export interface OrderTransitionStash {
  actor: Actor;
  id: string;
  target: OrderStatusName;
  expected: OrderStatusName | null;
  reason: string | null;
  order?: OrderRecord;
}
