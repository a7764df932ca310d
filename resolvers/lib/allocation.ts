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
}

/** Lines the caller left without a warehouse: the ones allocation has to place. */
export function unallocated(stash: AllocationStash): RequestedLine[] {
  return stash.lines.filter((l) => l.warehouseId === null);
}
