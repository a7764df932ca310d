/**
 * Where the inventory table's pages come from, never a Scan: `inventoryItems` (the browse
 * indexes gsi5–gsi8, docs/alerts.md) for the filters, and for a name search the catalog's
 * word-prefix search (`searchProducts`, docs/catalog.md) with each product's stock, filtered by
 * warehouse and status on the page (the search index does not carry them).
 */
import { InventoryByNameDocument, InventoryItemsDocument, type StockItemFragment, type StockStatus } from '../../../generated/graphql.js';
import { wordsOf } from '../../../../model/catalog/normalize.js';
import type { GraphqlClient } from '../../api/client.js';
import type { Page } from '../../ui/paged-list.js';

export interface InventoryFilter {
  readonly category: string | null;
  readonly warehouseId: string | null;
  readonly status: StockStatus | null;
  /** Product name prefix (one or more words; accents and case do not matter). */
  readonly name: string;
}

export type InventoryRow = StockItemFragment & { readonly category?: string | null; readonly name?: string };

export const PAGE_SIZE = 100;
export const rowKey = (r: { productId: string; warehouseId: string }) => `${r.productId}/${r.warehouseId}`;

/**
 * Whether a name has the searched words in a row, the last one as a prefix ("espresso be" finds
 * "Espresso Beans 1 kg"). The server matches the first word; this narrows its page by the rest.
 */
export function nameMatches(name: string, search: string): boolean {
  const wanted = wordsOf(search);
  const words = wordsOf(name);
  if (wanted.length === 0) return true;
  const last = wanted.length - 1;
  return words.some(
    (_, start) =>
      start + last < words.length && wanted.every((w, i) => (i === last ? words[start + i]!.startsWith(w) : words[start + i] === w)),
  );
}

export async function fetchInventoryPage(
  api: GraphqlClient,
  filter: InventoryFilter,
  nextToken: string | null,
): Promise<Page<InventoryRow>> {
  const [firstWord] = wordsOf(filter.name);
  if (!firstWord) {
    const { category, warehouseId, status } = filter;
    const { inventoryItems } = await api.request(InventoryItemsDocument, { category, warehouseId, status, limit: PAGE_SIZE, nextToken });
    return { items: inventoryItems.items, nextToken: inventoryItems.nextToken ?? null };
  }
  const { searchProducts } = await api.request(InventoryByNameDocument, {
    prefix: firstWord,
    category: filter.category,
    limit: PAGE_SIZE,
    nextToken,
  });
  const items = searchProducts.items
    .filter((product) => nameMatches(product.name, filter.name))
    .flatMap((product) => (product.stock?.items ?? []).map((item) => ({ ...item, category: product.category, name: product.name })))
    .filter((row) => (!filter.warehouseId || row.warehouseId === filter.warehouseId) && (!filter.status || row.status === filter.status));
  return { items, nextToken: searchProducts.nextToken ?? null };
}
