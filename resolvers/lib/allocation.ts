/**
 * Allocation, shared by reserveStock and commitStock (its steps are the shared AppSync functions
 * `resolvers/functions/loadWarehouses.ts` and `loadStock.ts`): lines without a warehouse are allocated
 * to the warehouse with the most available stock that can serve the whole line (ties: the
 * warehouse id that sorts first). When none can, the line goes to the warehouse with the most
 * available stock, so the transaction names it as short. The write's own condition is still the
 * oversell guard: allocation only picks, it never promises.
 */
import type { AllocatedLine, RequestedLine } from './lines';

export interface AllocationStash {
  lines: RequestedLine[];
  warehouses?: string[];
  allocated?: AllocatedLine[];
  /**
   * Product/warehouse pairs (`JSON.stringify([productId, warehouseId])`) where allocation placed a
   * line it read as servable: if that write then finds the warehouse short, another request took
   * the units in between, and the answer is a retryable Conflict, not InsufficientStock.
   */
  servableAtRead?: string[];
  /** Pairs where allocation placed a line that no warehouse could serve at read time. */
  shortAtRead?: string[];
}

export function pairKey(productId: string, warehouseId: string): string {
  return JSON.stringify([productId, warehouseId]);
}

/**
 * True when a short line's units were allocated by this request from a read that showed them
 * available: the warehouse ran out between the read and the write, so a retry re-allocates.
 */
export function raceLost(stash: AllocationStash, productId: string, warehouseId: string): boolean {
  const key = pairKey(productId, warehouseId);
  return (stash.servableAtRead ?? []).indexOf(key) >= 0 && (stash.shortAtRead ?? []).indexOf(key) < 0;
}

/** Lines the caller left without a warehouse: the ones allocation has to place. */
export function unallocated(stash: AllocationStash): RequestedLine[] {
  return stash.lines.filter((l) => l.warehouseId === null);
}
