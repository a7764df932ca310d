/**
 * The inventory browse index entries (docs/alerts.md): every InventoryItem carries `stockStatus`
 * and the keys of gsi5–gsi8, written by the stream processor's inventory-index consumer from the
 * item's counters and `category`. Ids are `[A-Za-z0-9_-]` (resolvers/lib/validate.ts), so `#`
 * separates key parts unambiguously; a category only ever appears as a whole partition key.
 * Pure and APPSYNC_JS-safe: the resolvers bundle it, the consumer imports it.
 */
import type { StockStatus } from './enums.js';
import { stockStatus } from './stock-status.js';

/** What an item without a `category` attribute is listed under. */
export const UNCATEGORIZED = 'uncategorized';

/** gsi5: items of one status, by warehouse then product. */
export const BY_STATUS_INDEX = 'gsi5';
/** gsi6: items of one category, by status, warehouse, product. */
export const BY_CATEGORY_INDEX = 'gsi6';
/** gsi7: items of one warehouse, by status then product. */
export const BY_WAREHOUSE_INDEX = 'gsi7';
/** gsi8: every item, by product then warehouse. */
export const ALL_ITEMS_INDEX = 'gsi8';

export const INVENTORY_INDEX_PREFIX = 'INVENTORY#';

export type InventoryIndexKeys = {
  stockStatus: StockStatus;
  gsi5pk: string;
  gsi5sk: string;
  gsi6pk: string;
  gsi6sk: string;
  gsi7pk: string;
  gsi7sk: string;
  gsi8pk: string;
  gsi8sk: string;
};

export function statusPartition(status: StockStatus): string {
  return `${INVENTORY_INDEX_PREFIX}STATUS#${status}`;
}

export function categoryPartition(category: string): string {
  return `${INVENTORY_INDEX_PREFIX}CATEGORY#${category}`;
}

export function warehousePartition(warehouseId: string): string {
  return `${INVENTORY_INDEX_PREFIX}WAREHOUSE#${warehouseId}`;
}

export const ALL_ITEMS_PARTITION = `${INVENTORY_INDEX_PREFIX}ALL`;

/** The category an item is listed under: its own, or "uncategorized" when absent or empty. */
export function listedCategory(category: unknown): string {
  return typeof category === 'string' && category.length > 0 ? category : UNCATEGORIZED;
}

/** The index entries an item with these values must carry. */
export function inventoryIndexKeys(
  productId: string,
  warehouseId: string,
  available: number,
  threshold: number,
  category: unknown,
): InventoryIndexKeys {
  const status = stockStatus(available, threshold);
  return {
    stockStatus: status,
    gsi5pk: statusPartition(status),
    gsi5sk: `${warehouseId}#${productId}`,
    gsi6pk: categoryPartition(listedCategory(category)),
    gsi6sk: `${status}#${warehouseId}#${productId}`,
    gsi7pk: warehousePartition(warehouseId),
    gsi7sk: `${status}#${productId}`,
    gsi8pk: ALL_ITEMS_PARTITION,
    gsi8sk: `${productId}#${warehouseId}`,
  };
}

export const INVENTORY_INDEX_FIELDS: readonly (keyof InventoryIndexKeys)[] = [
  'stockStatus',
  'gsi5pk',
  'gsi5sk',
  'gsi6pk',
  'gsi6sk',
  'gsi7pk',
  'gsi7sk',
  'gsi8pk',
  'gsi8sk',
];
