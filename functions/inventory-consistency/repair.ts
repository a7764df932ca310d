/**
 * `repairInventory(productId, warehouseId)`: sets `reserved` to what the ACTIVE reservations hold,
 * `available = onHand − reserved`, `sequence + 1`, `version + 1`, with a `RECONCILED` movement
 * (the stream processor turns it into the ledger row). The write is a compare-and-set on the
 * `sequence` it read, retried a few times, so it never overwrites a movement it did not see.
 * Holds are counted in bounded calls (hold-count.ts): a repair over more holds than one call may
 * read answers `complete: false` with a `nextToken`, and its last call writes only if the item's
 * `sequence` is still the one the count started from (a retryable `Conflict` otherwise).
 * `onHand` is never repaired: it is the physical count and only an admin sets it.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { reconcileUpdate } from '../../model/stock-movement.js';
import { documentUpdate, inventoryKey, parseInventoryItem, type InventoryState } from '../commons/inventory-model.js';
import { isAwsError } from '../commons/table-client.js';
import type { CheckDeps } from './check.js';
import { FunctionError } from './errors.js';
import { START, countHolds, saveJob, takeJob } from './hold-count.js';

export const REPAIR_ATTEMPTS = 5;

/**
 * The ACTIVE-reservation index (gsi1) is eventually consistent on AWS: a hold committed just
 * before the item was read may not be in it yet. Repair therefore reads the index twice, this long
 * apart, and only trusts a count that did not move (GSI propagation is normally well under a
 * second). A hold whose index entry takes longer than this is the remaining, documented window.
 */
export function indexSettleMs(): number {
  const raw = Number(process.env['REPAIR_INDEX_SETTLE_MS']);
  return Number.isFinite(raw) && raw >= 0 ? raw : 1500;
}

export interface RepairResult {
  item: InventoryState;
  /** False when the counters already matched (or the count is not finished): nothing was written. */
  repaired: boolean;
  reservedBefore: number;
  /** False while the holds are still being counted: call again with `nextToken`. */
  complete: boolean;
  nextToken?: string;
}

async function readItem(deps: CheckDeps, productId: string, warehouseId: string): Promise<InventoryState> {
  const got = await deps.doc.send(
    new GetCommand({ TableName: deps.tableName, Key: inventoryKey(productId, warehouseId), ConsistentRead: true }),
  );
  if (!got.Item) throw new FunctionError('NotFound', `No stock item for product ${productId} in warehouse ${warehouseId}.`);
  return parseInventoryItem(got.Item);
}

/** Writes `reserved = expectedReserved` if the item is still at `seenSequence` (ConditionalCheckFailed otherwise). */
async function writeRepair(
  deps: CheckDeps,
  item: InventoryState,
  expectedReserved: number,
  actor: string,
  at: string,
): Promise<RepairResult> {
  if (item.reserved === expectedReserved && item.available === item.onHand - item.reserved) {
    return { item, repaired: false, reservedBefore: item.reserved, complete: true };
  }
  const updated = await deps.doc.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: inventoryKey(item.productId, item.warehouseId),
      ...documentUpdate(
        reconcileUpdate(
          { onHand: item.onHand, reserved: expectedReserved, reservedBefore: item.reserved, seenSequence: item.sequence, actor },
          at,
        ),
      ),
      ReturnValues: 'ALL_NEW',
    }),
  );
  return { item: parseInventoryItem(updated.Attributes), repaired: true, reservedBefore: item.reserved, complete: true };
}

/**
 * Continues a repair whose holds did not fit in one call. The write is conditional on the
 * `sequence` the count started from: a movement in between answers Conflict and writes nothing.
 */
async function continueRepair(
  deps: CheckDeps,
  productId: string,
  warehouseId: string,
  actor: string,
  nextToken: string,
  at: string,
): Promise<RepairResult> {
  const job = await takeJob(deps, nextToken, { action: 'repair', productId, warehouseId });
  const count = await countHolds(deps, productId, warehouseId, job.count);
  const item = await readItem(deps, productId, warehouseId);
  if (count.cursor) {
    return { item, repaired: false, reservedBefore: item.reserved, complete: false, nextToken: await saveJob(deps, { ...job, count }) };
  }
  const conflict = new FunctionError(
    'Conflict',
    `Stock of ${productId}/${warehouseId} changed while its holds were counted; start the repair again.`,
  );
  const seen = job.sequences[warehouseId];
  if (item.sequence !== seen) throw conflict;
  try {
    return await writeRepair(deps, item, count.held[warehouseId] ?? 0, actor, at);
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) throw conflict;
    throw error;
  }
}

export async function repairItem(
  deps: CheckDeps,
  productId: string,
  warehouseId: string,
  actor: string,
  nextToken?: string,
  now: () => Date = () => new Date(),
): Promise<RepairResult> {
  if (nextToken !== undefined) return continueRepair(deps, productId, warehouseId, actor, nextToken, now().toISOString());
  for (let attempt = 1; attempt <= REPAIR_ATTEMPTS; attempt++) {
    const item = await readItem(deps, productId, warehouseId);
    // Read after the item: any hold committed since then bumps `sequence` and fails the CAS.
    const first = await countHolds(deps, productId, warehouseId, START);
    if (first.cursor) {
      // Too many holds for one call: the rest is counted by the next calls (hold-count.ts).
      const token = await saveJob(deps, {
        action: 'repair',
        productId,
        warehouseId,
        sequences: { [warehouseId]: item.sequence },
        count: first,
      });
      return { item, repaired: false, reservedBefore: item.reserved, complete: false, nextToken: token };
    }
    await new Promise((r) => setTimeout(r, indexSettleMs()));
    const second = await countHolds(deps, productId, warehouseId, START);
    const expectedReserved = second.held[warehouseId] ?? 0;
    if (second.cursor || (first.held[warehouseId] ?? 0) !== expectedReserved) continue; // the index was still catching up: look again
    try {
      return await writeRepair(deps, item, expectedReserved, actor, now().toISOString());
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      // Stock moved between the read and the write: look again.
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
  throw new FunctionError('Conflict', `Stock of ${productId}/${warehouseId} kept changing; try the repair again.`);
}
