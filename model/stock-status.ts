/** The status a stock level shows (docs/data-model.md). */
import type { StockStatus } from './enums.js';

/** OUT_OF_STOCK when available ≤ 0, LOW_STOCK when available ≤ threshold, else IN_STOCK. */
export function stockStatus(available: number, threshold: number): StockStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  if (available <= threshold) return 'LOW_STOCK';
  return 'IN_STOCK';
}
