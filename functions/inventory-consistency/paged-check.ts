/**
 * `checkInventoryConsistency` in bounded calls (hold-count.ts). A count that fits in one call is
 * the plain check, with its confirming second pass. A longer one answers `complete: false` with a
 * `nextToken` until every shard is read; the last call reads the items and ledger and compares.
 * If a stock item moved while the holds were being counted over several calls, the sums no longer
 * describe it: that call answers a retryable `Conflict` (start again without a token).
 */
import { checkProduct, checkProductOnce, heldKey, stockItems, type CheckDeps, type ConsistencyReport, type HeldUnits } from './check.js';
import { FunctionError } from './errors.js';
import { START, countHolds, saveJob, takeJob, type WarehouseHolds } from './hold-count.js';

export interface PagedConsistencyReport extends ConsistencyReport {
  complete: boolean;
  nextToken?: string;
}

function toHeld(productId: string, held: WarehouseHolds): HeldUnits {
  return new Map(Object.entries(held).map(([w, units]) => [heldKey(productId, w), units]));
}

function pending(productId: string, nextToken: string): PagedConsistencyReport {
  return { productId, consistent: false, items: [], complete: false, nextToken };
}

/** The holds of one product in one bounded pass, or Conflict when they no longer fit in one. */
async function boundedHeld(deps: CheckDeps, productId: string): Promise<HeldUnits> {
  const count = await countHolds(deps, productId, undefined, START);
  if (count.cursor) throw new FunctionError('Conflict', `Holds of ${productId} grew past one call's budget during the check; check again.`);
  return toHeld(productId, count.held);
}

export async function checkPaged(
  deps: CheckDeps,
  productId: string,
  nextToken: string | undefined,
  confirmDelayMs?: number,
): Promise<PagedConsistencyReport> {
  if (nextToken === undefined) {
    // Sequences first: a hold committed after this read changes `sequence`, which the end notices.
    const sequences = Object.fromEntries((await stockItems(deps, productId)).map((i) => [i.warehouseId, i.sequence]));
    const count = await countHolds(deps, productId, undefined, START);
    if (count.cursor) return pending(productId, await saveJob(deps, { action: 'check', productId, sequences, count }));
    const report = await checkProduct(deps, productId, {
      held: toHeld(productId, count.held),
      confirmDelayMs,
      reloadHeld: () => boundedHeld(deps, productId),
    });
    return { ...report, complete: true };
  }
  const job = await takeJob(deps, nextToken, { action: 'check', productId });
  const count = await countHolds(deps, productId, undefined, job.count);
  if (count.cursor) return pending(productId, await saveJob(deps, { ...job, count }));
  const report = await checkProductOnce(deps, productId, toHeld(productId, count.held));
  const moved = report.items.filter((i) => i.sequence !== (job.sequences[i.warehouseId] ?? 0));
  if (moved.length > 0)
    throw new FunctionError(
      'Conflict',
      `Stock of ${productId} changed while its holds were counted (${moved.map((i) => i.warehouseId).join(', ')}); check again.`,
    );
  return { ...report, complete: true };
}
