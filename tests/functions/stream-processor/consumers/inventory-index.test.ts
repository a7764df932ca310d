/**
 * The inventory-index consumer on DynamoDB Local: it writes `stockStatus` and the browse keys
 * computed from the record's NewImage, only while the item still is in that state, and writes
 * nothing when the image already carries them (so its own stream record is a no-op).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionLogger } from '../../../../functions/commons/observability/logger.js';
import type { ParsedStreamRecord } from '../../../../functions/commons/stream-records.js';
import { indexEntriesFor, inventoryIndexConsumer } from '../../../../functions/stream-processor/consumers/inventory-index.js';
import { inventoryIndexKeys } from '../../../../model/inventory-index.js';
import { inventoryKey } from '../../../../model/keys.js';
import { createHarness, moveStock, putStock, type Harness } from '../../helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('ix');
});
afterAll(async () => {
  await h?.destroy();
});

const read = async (p: string, w: string) =>
  (await h.doc.send(new GetCommand({ TableName: h.table, Key: inventoryKey(p, w), ConsistentRead: true }))).Item as Record<string, unknown>;

const recordOf = (image: Record<string, unknown>): ParsedStreamRecord => ({
  eventId: 'e1',
  eventName: 'MODIFY',
  sequenceNumber: '1',
  keys: { pk: image['pk'], sk: image['sk'] },
  newImage: image,
});

const deps = () => ({ doc: h.doc, tableName: h.table, log: functionLogger('test') });

describe('functions/stream-processor/consumers/inventory-index', () => {
  it('writes status and keys from the image, leaving sequence, version and updatedAt alone', async () => {
    await putStock(h, { productId: 'p1', warehouseId: 'w1', onHand: 3, threshold: 5 });
    const before = await read('p1', 'w1');
    await inventoryIndexConsumer.consume(recordOf(before), deps());
    const after = await read('p1', 'w1');
    expect(after).toMatchObject(inventoryIndexKeys('p1', 'w1', 3, 5, undefined));
    expect(after).toMatchObject({ stockStatus: 'LOW_STOCK', gsi6pk: 'INVENTORY#CATEGORY#uncategorized' });
    for (const field of ['sequence', 'version', 'updatedAt', 'onHand', 'lastMovement']) expect(after[field]).toEqual(before[field]);
    // Its own record: the image carries the entries already, so nothing is written.
    expect(indexEntriesFor(recordOf(after))).toBeNull();
  });

  it.each([
    ['a newer movement', (p: string) => moveStock(h, p, 'w1', { reason: 'RECEIVED', onHandDelta: 10, reservedDelta: 0 })],
    ['a category write', (p: string) => setCategory(p, 'tools')],
  ])('a stale record (after %s) never overwrites the newer state', async (label, change) => {
    const p = `stale-${label.replace(/ /g, '-')}`;
    await putStock(h, { productId: p, warehouseId: 'w1', onHand: 3, threshold: 5 });
    const stale = await read(p, 'w1');
    await change(p);
    await inventoryIndexConsumer.consume(recordOf(stale), deps());
    const now = await read(p, 'w1');
    expect(now['stockStatus']).toBeUndefined();
    expect(now['gsi5pk']).toBeUndefined();
  });
});

/** A category write as the catalog does it: an UpdateItem that moves no stock. */
async function setCategory(productId: string, category: string): Promise<void> {
  await h.doc.send(
    new UpdateCommand({
      TableName: h.table,
      Key: inventoryKey(productId, 'w1'),
      UpdateExpression: 'SET category = :c',
      ExpressionAttributeValues: { ':c': category },
    }),
  );
}
