/** Alert records as resolvers answer them (model/alerts.ts). */
import type { Alert } from '../generated/graphql';
import type { AlertRecord } from '../../model/alerts';

export function toAlert(record: AlertRecord): Alert {
  return {
    id: record.id,
    type: record.type,
    productId: record.productId,
    warehouseId: record.warehouseId,
    available: record.available,
    onHand: record.onHand,
    threshold: record.threshold,
    status: record.status,
    createdAt: record.createdAt,
    resolvedAt: record.resolvedAt ? record.resolvedAt : null,
  };
}
