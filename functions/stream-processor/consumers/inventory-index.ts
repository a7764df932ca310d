/**
 * Inventory browse index (docs/alerts.md): keeps each InventoryItem's `stockStatus` and its
 * gsi5–gsi8 keys (model/inventory-index.ts) in step with its counters and `category`. The write
 * is conditional on the `sequence`, `threshold` and `category` this record's NewImage shows, so a
 * stale record never overwrites a newer state (the newer record fixes the entries itself). It
 * touches neither `sequence` nor `version`: the ledger and the event publisher see no movement in
 * it, and its own stream record computes the same entries, so it writes nothing.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { INVENTORY_INDEX_FIELDS, inventoryIndexKeys, type InventoryIndexKeys } from '../../../model/inventory-index.js';
import { inventoryIdsOf, parseInventoryItem } from '../../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../../commons/stream-records.js';
import { isAwsError } from '../../commons/table-client.js';
import type { RecordConsumer } from './types.js';

/** The entries the item must carry, or null when its NewImage already carries them. */
export function indexEntriesFor(record: ParsedStreamRecord): InventoryIndexKeys | null {
  if (record.eventName === 'REMOVE' || !record.newImage) return null;
  const image = { ...record.newImage, ...record.keys };
  const item = parseInventoryItem(image, 'NewImage');
  const wanted = inventoryIndexKeys(item.productId, item.warehouseId, item.available, item.threshold, image['category']);
  const stale = INVENTORY_INDEX_FIELDS.some((field) => image[field] !== wanted[field]);
  return stale ? wanted : null;
}

export const inventoryIndexConsumer: RecordConsumer = {
  name: 'inventory-index',
  handles(record) {
    return record.eventName !== 'REMOVE' && inventoryIdsOf(record.keys) !== undefined;
  },
  async consume(record, deps) {
    const wanted = indexEntriesFor(record);
    if (!wanted || !record.newImage) return;
    const image = record.newImage;
    const names: Record<string, string> = { '#sequence': 'sequence', '#threshold': 'threshold', '#category': 'category' };
    const values: Record<string, unknown> = { ':sequence': image['sequence'] };
    const sets = INVENTORY_INDEX_FIELDS.map((field) => {
      names[`#${field}`] = field;
      values[`:${field}`] = wanted[field];
      return `#${field} = :${field}`;
    });
    // The state these entries were computed from must still be the item's state.
    const conditions = ['#sequence = :sequence'];
    if (image['threshold'] === undefined) conditions.push('attribute_not_exists(#threshold)');
    else {
      conditions.push('#threshold = :threshold');
      values[':threshold'] = image['threshold'];
    }
    if (image['category'] === undefined) conditions.push('attribute_not_exists(#category)');
    else {
      conditions.push('#category = :category');
      values[':category'] = image['category'];
    }
    try {
      await deps.doc.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: record.keys,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      // The item changed (or was deleted) since this record: its newer record sets the entries.
      if (isAwsError(error, 'ConditionalCheckFailedException')) return;
      throw error;
    }
  },
};
