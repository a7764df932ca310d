/**
 * `repairInventory(productId, warehouseId)`: sets `reserved` to what the ACTIVE reservations hold,
 * `available = onHand − reserved`, `sequence + 1`, `version + 1`, with a `RECONCILED` movement
 * (the stream processor turns it into the ledger row). The write is a compare-and-set on the
 * `sequence` it read, retried a few times, so it never overwrites a movement it did not see.
 * `onHand` is never repaired: it is the physical count and only an admin sets it.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { reconcileUpdate } from '../../model/stock-movement.js';
import { documentUpdate, inventoryKey, parseInventoryItem, type InventoryState } from '../commons/inventory-model.js';
import { isAwsError } from '../commons/table-client.js';
import { heldByActiveReservations, heldKey, type CheckDeps } from './check.js';
import { FunctionError } from './errors.js';

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
  /** False when the counters already matched: nothing was written. */
  repaired: boolean;
  reservedBefore: number;
}

export async function repairItem(deps: CheckDeps, productId: string, warehouseId: string, actor: string, now: () => Date = () => new Date()): Promise<RepairResult> {
  for (let attempt = 1; attempt <= REPAIR_ATTEMPTS; attempt++) {
    const got = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: inventoryKey(productId, warehouseId), ConsistentRead: true }));
    if (!got.Item) throw new FunctionError('NotFound', `No stock item for product ${productId} in warehouse ${warehouseId}.`);
    const item = parseInventoryItem(got.Item);
    // Read after the item: any hold committed since then bumps `sequence` and fails the CAS.
    const first = (await heldByActiveReservations(deps, productId)).get(heldKey(productId, warehouseId)) ?? 0;
    await new Promise((r) => setTimeout(r, indexSettleMs()));
    const expectedReserved = (await heldByActiveReservations(deps, productId)).get(heldKey(productId, warehouseId)) ?? 0;
    if (first !== expectedReserved) continue; // the index was still catching up: look again
    if (item.reserved === expectedReserved && item.available === item.onHand - item.reserved) {
      return { item, repaired: false, reservedBefore: item.reserved };
    }
    const at = now().toISOString();
    try {
      const updated = await deps.doc.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: inventoryKey(productId, warehouseId),
          ...documentUpdate(reconcileUpdate({ onHand: item.onHand, reserved: expectedReserved, reservedBefore: item.reserved, seenSequence: item.sequence, actor }, at)),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { item: parseInventoryItem(updated.Attributes), repaired: true, reservedBefore: item.reserved };
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      // Stock moved between the read and the write: look again.
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
  throw new FunctionError('Conflict', `Stock of ${productId}/${warehouseId} kept changing; try the repair again.`);
}
