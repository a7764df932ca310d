/**
 * Ledger writer (docs/data-model.md, "Why the ledger is written from the change stream"): each
 * INSERT/MODIFY of an InventoryItem whose `sequence` went up becomes exactly one ledger row
 * keyed by that sequence. Balances come from the NewImage; deltas are NewImage − OldImage (an
 * absent OldImage counts as zeros) and are cross-checked against `lastMovement`. The put is
 * conditional on `attribute_not_exists(pk)`, so a replayed record is a no-op.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryIdsOf, ledgerKey, parseInventoryItem, type InventoryState } from '../../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../../commons/stream-records.js';
import { isAwsError } from '../../commons/table-client.js';
import type { ConsumerDeps, RecordConsumer } from './types.js';

export interface LedgerEntryItem {
  pk: string;
  sk: string;
  entity: 'LedgerEntry';
  productId: string;
  warehouseId: string;
  sequence: number;
  reason: string;
  actor: string;
  reference: string | null;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
  at: string;
  /** Only present when `lastMovement` disagreed with the images (a writer bug worth seeing). */
  declaredOnHandDelta?: number | null;
  declaredReservedDelta?: number;
}

export class LedgerRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerRecordError';
  }
}

/** The ledger row a record calls for, or null when it calls for none (no sequence increase). */
export function ledgerEntryFor(record: ParsedStreamRecord, log?: ConsumerDeps['log']): LedgerEntryItem | null {
  if (record.eventName === 'REMOVE' || !record.newImage) return null;
  const after: InventoryState = parseInventoryItem({ ...record.newImage, ...record.keys }, 'NewImage');
  const before: InventoryState | null =
    record.oldImage && record.eventName === 'MODIFY' ? parseInventoryItem({ ...record.oldImage, ...record.keys }, 'OldImage') : null;
  const previousSequence = before?.sequence ?? 0;
  if (after.sequence <= previousSequence) return null;
  const movement = after.lastMovement;
  if (!movement)
    throw new LedgerRecordError(
      `inventory item ${after.productId}/${after.warehouseId} reached sequence ${after.sequence} without a lastMovement`,
    );
  if (after.sequence !== previousSequence + 1) {
    log?.warn('inventory sequence skipped numbers', {
      productId: after.productId,
      warehouseId: after.warehouseId,
      from: previousSequence,
      to: after.sequence,
    });
  }
  const onHandDelta = after.onHand - (before?.onHand ?? 0);
  const reservedDelta = after.reserved - (before?.reserved ?? 0);
  const entry: LedgerEntryItem = {
    ...ledgerKey(after.productId, after.warehouseId, after.sequence),
    entity: 'LedgerEntry',
    productId: after.productId,
    warehouseId: after.warehouseId,
    sequence: after.sequence,
    reason: movement.reason,
    actor: movement.actor,
    reference: movement.reference,
    onHandDelta,
    reservedDelta,
    onHandAfter: after.onHand,
    reservedAfter: after.reserved,
    availableAfter: after.available,
    at: movement.at,
  };
  if ((movement.onHandDelta !== null && movement.onHandDelta !== onHandDelta) || movement.reservedDelta !== reservedDelta) {
    // The images are the truth about the counters; keep what the writer declared next to them.
    entry.declaredOnHandDelta = movement.onHandDelta;
    entry.declaredReservedDelta = movement.reservedDelta;
    log?.warn('lastMovement disagrees with the stream images', {
      productId: after.productId,
      warehouseId: after.warehouseId,
      sequence: after.sequence,
      declared: { onHandDelta: movement.onHandDelta, reservedDelta: movement.reservedDelta },
      computed: { onHandDelta, reservedDelta },
    });
  }
  return entry;
}

export const ledgerConsumer: RecordConsumer = {
  name: 'ledger',
  handles(record) {
    return record.eventName !== 'REMOVE' && inventoryIdsOf(record.keys) !== undefined;
  },
  async consume(record, deps) {
    const entry = ledgerEntryFor(record, deps.log);
    if (!entry) return;
    try {
      await deps.doc.send(
        new PutCommand({
          TableName: deps.tableName,
          Item: entry,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already written by an earlier delivery of this record: replays are no-ops.
      if (isAwsError(error, 'ConditionalCheckFailedException')) return;
      throw error;
    }
  },
};
