import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { fail, raiseDataSourceError } from './lib/errors';
import { inventoryKey, MAX_UNITS, toInventoryItem, type InventoryRecord } from './lib/inventory';
import { requireId, requireInt } from './lib/validate';
import type { InventoryItem, MutationSetStockArgs } from './generated/graphql';

/**
 * Admin compare-and-set of onHand/threshold. `available` is recomputed in the same write from the
 * stored `reserved`, so a concurrent reservation can never be lost between a read and this write.
 */
export function request(ctx: Context<MutationSetStockArgs>): DynamoDBUpdateItemRequest {
  const input = ctx.args.input;
  const productId = requireId('input.productId', input.productId);
  const warehouseId = requireId('input.warehouseId', input.warehouseId);
  const onHand = requireInt('input.onHand', input.onHand, 0, MAX_UNITS);
  const hasThreshold = input.threshold !== undefined && input.threshold !== null;
  const threshold = hasThreshold ? requireInt('input.threshold', input.threshold, 0, MAX_UNITS) : 0;
  const hasExpected = input.expectedVersion !== undefined && input.expectedVersion !== null;
  const expectedVersion = hasExpected ? requireInt('input.expectedVersion', input.expectedVersion, 0, MAX_UNITS) : 0;

  const values: Record<string, unknown> = {
    ':onHand': onHand,
    ':zero': 0,
    ':one': 1,
    ':now': util.time.nowISO8601(),
    ':productId': productId,
    ':warehouseId': warehouseId,
    ':entity': 'InventoryItem',
  };
  const sets = [
    'onHand = :onHand',
    'available = :onHand - if_not_exists(reserved, :zero)',
    'reserved = if_not_exists(reserved, :zero)',
    'version = if_not_exists(version, :zero) + :one',
    'sequence = if_not_exists(sequence, :zero) + :one',
    'updatedAt = :now',
    'productId = :productId',
    'warehouseId = :warehouseId',
    'entity = :entity',
  ];
  if (hasThreshold) {
    sets.push('threshold = :threshold');
    values[':threshold'] = threshold;
  } else {
    sets.push('threshold = if_not_exists(threshold, :zero)');
  }
  const request: DynamoDBUpdateItemRequest = {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(inventoryKey(productId, warehouseId)),
    update: { expression: `SET ${sets.join(', ')}`, expressionValues: util.dynamodb.toMapValues(values) },
  };
  if (hasExpected) {
    // Version 0 means "the item must not exist yet".
    request.condition =
      expectedVersion === 0
        ? { expression: 'attribute_not_exists(pk)' }
        : { expression: 'version = :expected', expressionValues: util.dynamodb.toMapValues({ ':expected': expectedVersion }) };
  }
  return request;
}

export function response(ctx: Context<MutationSetStockArgs>): InventoryItem {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      const current = ctx.result as InventoryRecord | null;
      return fail('The stock item changed since it was read; reload it and retry.', 'VersionConflict', {
        expectedVersion: ctx.args.input.expectedVersion,
        currentVersion: current ? current.version : null,
      });
    }
    return raiseDataSourceError(ctx.error);
  }
  return toInventoryItem(ctx.result as InventoryRecord);
}
