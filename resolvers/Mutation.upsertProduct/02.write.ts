/**
 * One transaction: the product record (an UpdateItem, so the popularity worker's concurrent
 * increments and their index keys are never overwritten) conditional on the version read in 01,
 * plus its search tokens: a Put per current word (carrying the current category) and a Delete per
 * word the name no longer has.
 */
import { extensions, util, type DynamoDBTransactWriteItemsRequest, type TransactConditionCheckExpression } from '@aws-appsync/utils';
import type { MutationUpsertProductArgs, Product } from '../generated/graphql';
import { ALL_PRODUCTS_PARTITION, categoryPartition, popularitySortKey, productKey, searchTokenKey } from '../../model/catalog/keys';
import { nameSortKey } from '../../model/catalog/normalize';
import { toProduct } from '../lib/catalog';
import type { StepContext } from '../lib/context';
import { fail } from '../lib/errors';
import { searchTokenItem, type UpsertStash } from '../lib/product-upsert';
import { conditionFailures } from '../lib/transactions';

type WriteContext = StepContext<MutationUpsertProductArgs, UpsertStash, null, unknown>;

const PRODUCT_NAMES: Record<string, string> = {
  '#entity': 'entity',
  '#id': 'id',
  '#name': 'name',
  '#description': 'description',
  '#price': 'price',
  '#currency': 'currency',
  '#category': 'category',
  '#attributes': 'attributes',
  '#searchWords': 'searchWords',
  '#version': 'version',
  '#popularity': 'popularity',
  '#createdAt': 'createdAt',
  '#updatedAt': 'updatedAt',
  '#gsi9pk': 'gsi9pk',
  '#gsi9sk': 'gsi9sk',
  '#gsi10pk': 'gsi10pk',
  '#gsi10sk': 'gsi10sk',
  '#gsi11pk': 'gsi11pk',
  '#gsi11sk': 'gsi11sk',
};

export function request(ctx: WriteContext): DynamoDBTransactWriteItemsRequest {
  const stash = ctx.stash;
  const table = ctx.env.TABLE_NAME as string;
  const p = stash.product;
  const existing = stash.existing;
  const values: Record<string, unknown> = {
    ':entity': 'Product',
    ':id': p.id,
    ':name': p.name,
    ':description': p.description,
    ':price': p.price,
    ':currency': p.currency,
    ':category': p.category,
    ':attributes': p.attributes,
    ':searchWords': p.searchWords,
    ':version': p.version,
    ':zero': 0,
    ':now': stash.now,
    ':categoryPk': categoryPartition(p.category),
    ':nameSk': `${nameSortKey(p.name)}#${p.id}`,
    ':allPk': ALL_PRODUCTS_PARTITION,
    ':unrankedSk': popularitySortKey(0, p.id),
  };
  const sets = [
    '#entity = :entity',
    '#id = :id',
    '#name = :name',
    '#description = :description',
    '#price = :price',
    '#currency = :currency',
    '#category = :category',
    '#attributes = :attributes',
    '#searchWords = :searchWords',
    '#version = :version',
    '#popularity = if_not_exists(#popularity, :zero)',
    '#createdAt = if_not_exists(#createdAt, :now)',
    '#updatedAt = :now',
    // The popularity sort keys belong to the popularity worker: only a new product gets them here.
    '#gsi9pk = :categoryPk',
    '#gsi9sk = if_not_exists(#gsi9sk, :unrankedSk)',
    '#gsi10pk = :categoryPk',
    '#gsi10sk = :nameSk',
    '#gsi11pk = :allPk',
    '#gsi11sk = if_not_exists(#gsi11sk, :unrankedSk)',
  ];
  const condition: TransactConditionCheckExpression = existing
    ? {
        expression: '#version = :loaded',
        expressionNames: { '#version': 'version' },
        expressionValues: util.dynamodb.toMapValues({ ':loaded': existing.version }),
        returnValuesOnConditionCheckFailure: false,
      }
    : { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: false };
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(productKey(p.id)),
      update: { expression: `SET ${sets.join(', ')}`, expressionNames: PRODUCT_NAMES, expressionValues: util.dynamodb.toMapValues(values) },
      condition,
    },
  ];
  const removed = (existing ? (existing.searchWords ?? []) : []).filter((w) => p.searchWords.indexOf(w) < 0);
  for (const word of removed) {
    transactItems.push({ table, operation: 'DeleteItem', key: util.dynamodb.toMapValues(searchTokenKey(p.id, word)) });
  }
  for (const word of p.searchWords) {
    const item = searchTokenItem(p.id, p.category, word);
    const key = searchTokenKey(p.id, word);
    const attributes: Record<string, unknown> = {};
    for (const name of Object.keys(item)) if (name !== 'pk' && name !== 'sk') attributes[name] = item[name];
    transactItems.push({
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(key),
      attributeValues: util.dynamodb.toMapValues(attributes),
    });
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: WriteContext): Product {
  const stash = ctx.stash;
  if (ctx.error) {
    const reasons = conditionFailures(ctx.error, ctx.result);
    const productFailed = reasons.length > 0 && reasons[0] !== undefined && reasons[0].type !== 'None';
    if (productFailed && stash.expectedVersion !== null)
      return fail('The product changed since it was read; reload it and retry.', 'VersionConflict', {
        expectedVersion: stash.expectedVersion,
      });
    return fail('The product was changed by a concurrent upsert; retry.', 'Conflict', { retryable: true });
  }
  // The cached public read of this product (infra/constructs/catalog-cache.ts) is fresh at once.
  extensions.evictFromApiCache('Query', 'product', { 'context.arguments.id': stash.product.id });
  return toProduct(stash.product);
}
