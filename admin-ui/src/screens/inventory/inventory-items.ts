/**
 * The inventory browse query, `inventoryItems(category, warehouseId, status, limit, nextToken)`.
 * Another change adds it to schema.graphql; until then this typed document is written by hand
 * against the agreed contract (move it to src/graphql/inventory.graphql once the schema has it,
 * and codegen checks it). When the server does not know the field, the table falls back to
 * productStock for the product ids it knows (fallback.ts).
 */
import { TypedDocumentString, type StockItemFragment, type StockStatus } from '../../../generated/graphql.js';

export interface InventoryItemsVariables {
  category?: string | null;
  warehouseId?: string | null;
  status?: StockStatus | null;
  limit?: number | null;
  nextToken?: string | null;
}

export type InventoryRow = StockItemFragment & { category?: string | null };

export interface InventoryItemsResult {
  inventoryItems: { items: InventoryRow[]; nextToken: string | null };
}

export const InventoryItemsDocument = new TypedDocumentString<InventoryItemsResult, InventoryItemsVariables>(`
query InventoryItems($category: String, $warehouseId: ID, $status: StockStatus, $limit: Int, $nextToken: String) {
  inventoryItems(category: $category, warehouseId: $warehouseId, status: $status, limit: $limit, nextToken: $nextToken) {
    items { productId warehouseId category onHand reserved available threshold status version sequence updatedAt }
    nextToken
  }
}`);
