/**
 * Keeps `category` on a product's inventory items in step with its product record
 * (docs/catalog.md, "Category on inventory items"), from the change stream:
 * - a product record created, or changed category: every stock item of the product gets the
 *   product's current category (read again, strongly consistent, so a replayed old record can
 *   never write an old category);
 * - a stock item created: it gets its product's category, only if it has none yet (so it can never
 *   overwrite a newer category the product branch wrote meanwhile).
 * Only `category` is written: no sequence, version or updatedAt change, so the ledger and the
 * event publisher see no stock movement. Conditional writes make every replay a no-op.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryIdsOf, productPartition, STOCK_PREFIX } from '../../../model/keys.js';
import { PRODUCT_SORT_KEY, productKey } from '../../../model/catalog/keys.js';
import { isAwsError } from '../../commons/table-client.js';
import type { ConsumerDeps, RecordConsumer } from './types.js';

function isProductRecord(keys: Record<string, unknown>): boolean {
  return typeof keys['pk'] === 'string' && keys['pk'].startsWith('PRODUCT#') && keys['sk'] === PRODUCT_SORT_KEY;
}

async function currentCategory(productId: string, deps: ConsumerDeps): Promise<string | null> {
  const out = await deps.doc.send(
    new GetCommand({ TableName: deps.tableName, Key: productKey(productId), ConsistentRead: true, ProjectionExpression: 'category' }),
  );
  const category: unknown = out.Item?.['category'];
  return typeof category === 'string' && category !== '' ? category : null;
}

/** Sets the category unless the item is gone or already has it (`onlyIfMissing`: unless it has any). */
async function setCategory(
  key: { pk: string; sk: string },
  category: string,
  onlyIfMissing: boolean,
  deps: ConsumerDeps,
): Promise<boolean> {
  try {
    await deps.doc.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: key,
        UpdateExpression: 'SET #category = :category',
        ConditionExpression: onlyIfMissing
          ? 'attribute_exists(#pk) AND attribute_not_exists(#category)'
          : 'attribute_exists(#pk) AND (attribute_not_exists(#category) OR #category <> :category)',
        ExpressionAttributeNames: { '#pk': 'pk', '#category': 'category' },
        ExpressionAttributeValues: { ':category': category },
      }),
    );
    return true;
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
    throw error;
  }
}

/** Every stock item of the product, a page at a time (a product has a handful of warehouses). */
async function stockKeysOf(productId: string, deps: ConsumerDeps): Promise<{ pk: string; sk: string }[]> {
  const keys: { pk: string; sk: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.doc.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :stock)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': productPartition(productId), ':stock': STOCK_PREFIX },
        ProjectionExpression: '#pk, #sk',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) keys.push({ pk: String(item['pk']), sk: String(item['sk']) });
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

export const productCategoryConsumer: RecordConsumer = {
  name: 'product-category',
  handles(record) {
    if (record.eventName === 'REMOVE' || !record.newImage) return false;
    if (isProductRecord(record.keys)) {
      return record.eventName === 'INSERT' || record.oldImage?.['category'] !== record.newImage['category'];
    }
    // A new stock item without a category (a later category arrives through the product branch).
    return record.eventName === 'INSERT' && !!inventoryIdsOf(record.keys) && typeof record.newImage['category'] !== 'string';
  },
  async consume(record, deps) {
    if (isProductRecord(record.keys)) {
      const productId = String(record.keys['pk']).slice('PRODUCT#'.length);
      const category = await currentCategory(productId, deps);
      if (!category) return;
      let changed = 0;
      for (const key of await stockKeysOf(productId, deps)) if (await setCategory(key, category, false, deps)) changed += 1;
      if (changed > 0) deps.log.info('product category copied to its stock items', { productId, category, items: changed });
      return;
    }
    const ids = inventoryIdsOf(record.keys);
    if (!ids) return;
    const category = await currentCategory(ids.productId, deps);
    if (category) await setCategory({ pk: String(record.keys['pk']), sk: String(record.keys['sk']) }, category, true, deps);
  },
};
