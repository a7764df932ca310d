/**
 * Until the server has `inventoryItems`: the rows of the product ids this browser knows (the
 * local server's demo products from config.json, plus ids the user added), read with
 * productStock and filtered here. Small on purpose: it goes away with the browse index.
 */
import { ProductStockDocument } from '../../../generated/graphql.js';
import type { GraphqlClient } from '../../api/client.js';
import type { InventoryItemsVariables, InventoryRow } from './inventory-items.js';

const STORAGE_KEY = 'stockroom.knownProductIds';

export function knownProductIds(fromConfig: readonly string[]): string[] {
  const stored = (localStorage.getItem(STORAGE_KEY) ?? '').split(',').filter(Boolean);
  return [...new Set([...fromConfig, ...stored])];
}

export function rememberProductId(id: string): void {
  const stored = new Set((localStorage.getItem(STORAGE_KEY) ?? '').split(',').filter(Boolean));
  stored.add(id);
  localStorage.setItem(STORAGE_KEY, [...stored].join(','));
}

export async function rowsFromProductStock(
  api: GraphqlClient,
  ids: readonly string[],
  filter: InventoryItemsVariables,
): Promise<InventoryRow[]> {
  const answers = await Promise.all(ids.map((productId) => api.request(ProductStockDocument, { productId })));
  return answers
    .flatMap((a) => a.productStock?.items ?? [])
    .filter((row) => (!filter.warehouseId || row.warehouseId === filter.warehouseId) && (!filter.status || row.status === filter.status));
}
