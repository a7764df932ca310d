/** A product's stock in every warehouse with totals (Query.productStock and Product.stock). */
import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ProductStock } from '../generated/graphql';
import { productPartition, STOCK_PREFIX } from '../../model/keys';
import type { InventoryRecord } from '../../model/records';
import { stockStatus } from '../../model/stock-status';
import { toInventoryItem } from './inventory';

/** Every warehouse of one product in a single strongly consistent Query (one partition). */
export function productStockQuery(productId: string): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :stock)',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': productPartition(productId), ':stock': STOCK_PREFIX }),
    },
    consistentRead: true,
    limit: 1000,
  };
}

/** Null when the product has no stock records. */
export function productStockOf(productId: string, records: InventoryRecord[]): ProductStock | null {
  if (records.length === 0) return null;
  const items = records.map((r) => toInventoryItem(r));
  // Totals from the stored records (the GraphQL items' restricted fields are nullable).
  const onHand = records.reduce((sum, r) => sum + r.onHand, 0);
  const reserved = records.reduce((sum, r) => sum + r.reserved, 0);
  const available = records.reduce((sum, r) => sum + r.available, 0);
  const threshold = records.reduce((sum, r) => sum + r.threshold, 0);
  return { productId, items, onHand, reserved, available, status: stockStatus(available, threshold) };
}
