/** Inventory records: keys, and the stored record → GraphQL `InventoryItem` mapping. */
import type { InventoryItem, StockStatus } from '../generated/graphql';

/** Largest stock figure accepted anywhere (keeps sums far from float precision limits). */
export const MAX_UNITS = 1000000000;

export function inventoryKey(productId: string, warehouseId: string): { pk: string; sk: string } {
  return { pk: `PRODUCT#${productId}`, sk: `STOCK#${warehouseId}` };
}

export interface InventoryRecord {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
  version: number;
  sequence: number;
  updatedAt: string;
}

/** SPEC §2: OUT_OF_STOCK when available ≤ 0, LOW_STOCK when available ≤ threshold. */
export function stockStatus(available: number, threshold: number): StockStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  if (available <= threshold) return 'LOW_STOCK';
  return 'IN_STOCK';
}

export function toInventoryItem(record: InventoryRecord): InventoryItem {
  return {
    productId: record.productId,
    warehouseId: record.warehouseId,
    onHand: record.onHand,
    reserved: record.reserved,
    available: record.available,
    threshold: record.threshold,
    status: stockStatus(record.available, record.threshold),
    version: record.version,
    sequence: record.sequence,
    updatedAt: record.updatedAt,
  };
}
