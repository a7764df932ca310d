/** Order record → GraphQL, and who may see an order. */
import type { Order } from '../generated/graphql';
import type { OrderRecord } from '../../model/orders/records';
import type { Actor } from './identity';

export function toOrder(r: OrderRecord): Order {
  return {
    id: r.id,
    customerId: r.customerId,
    partnerId: r.partnerId ?? null,
    items: r.items.map((i) => ({
      productId: i.productId,
      warehouseId: i.warehouseId ?? null,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      lineTotal: i.lineTotal,
    })),
    currency: r.currency,
    total: r.total,
    status: r.status,
    reservationId: r.reservationId ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusHistory: r.statusHistory.map((h) => ({ status: h.status, at: h.at, actor: h.actor, reason: h.reason ?? null })),
  };
}

/** Partners see only their own orders (another partner's reads as missing); admins see all. */
export function canSeeOrder(actor: Actor, record: OrderRecord): boolean {
  return actor.kind !== 'partner' || record.partnerId === actor.partnerId;
}
