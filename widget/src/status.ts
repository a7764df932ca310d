/** What a badge shows, from the items the hub knows (pure: unit-tested without a browser). */
import type { ItemStock } from './stock-hub.js';

export type Shown = 'loading' | 'in-stock' | 'low-stock' | 'out-of-stock' | 'error';

export const LABELS: Readonly<Record<Shown, string>> = {
  loading: 'Checking stock…',
  'in-stock': 'In stock',
  'low-stock': 'Low stock',
  'out-of-stock': 'Out of stock',
  error: 'Stock unavailable',
};

const BY_STATUS: Readonly<Record<string, Shown>> = {
  IN_STOCK: 'in-stock',
  LOW_STOCK: 'low-stock',
  OUT_OF_STOCK: 'out-of-stock',
};

/**
 * One warehouse: its item's status. Every warehouse (no `warehouse` attribute): out of stock when
 * nothing is available anywhere, in stock when any warehouse is in stock, low stock otherwise —
 * a shopper can buy from the warehouse that has it. `available` is the sum of what is positive.
 */
export function shownStock(items: ReadonlyMap<string, ItemStock>, warehouseId: string | null): { shown: Shown; available: number } {
  const chosen = warehouseId === null ? [...items.values()] : [items.get(warehouseId)].filter((i) => i !== undefined);
  const available = chosen.reduce((sum, i) => sum + Math.max(0, i.available ?? 0), 0);
  if (available <= 0) return { shown: 'out-of-stock', available: 0 };
  const statuses = chosen.map((i) => BY_STATUS[i.status ?? ''] ?? 'in-stock');
  return { shown: statuses.includes('in-stock') ? 'in-stock' : 'low-stock', available };
}
