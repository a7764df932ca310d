/** TransactGetItems and TransactWriteItems, with AppSync's `cancellationReasons`. */
import {
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { toAttributeMap, unmarshallItem } from '../dynamodb-values.js';
import { Failure, shapeError, tooMany } from './errors.js';
import { LIMITS } from './limits.js';
import { ExpressionParams, isObject, keyOf, projectionOf, readCondition, unmarshallOrNull, type Json } from './request.js';

export function transactItemsOf(req: Json, operation: string): Json[] {
  if (!Array.isArray(req.transactItems) || req.transactItems.length === 0) throw shapeError('transactItems must be a non-empty list');
  if (req.transactItems.length > LIMITS.transact) throw tooMany(operation, LIMITS.transact, req.transactItems.length);
  return req.transactItems.map((t, i) => {
    if (!isObject(t)) throw shapeError(`transactItems[${i}] must be an object`);
    if (typeof t.table !== 'string' || !t.table) throw shapeError(`transactItems[${i}].table is required`);
    return t;
  });
}

function reasons(list: CancellationReason[] | undefined): Json[] {
  return (list ?? []).map((r) => ({
    type: r.Code ?? 'None',
    message: r.Message ?? 'None',
    ...(r.Item ? { item: unmarshallItem(r.Item) } : {}),
  }));
}

function cancelled(err: unknown, resultKey: 'keys' | 'items'): Failure | undefined {
  const e = err as { name?: string; message?: string; CancellationReasons?: CancellationReason[] };
  if (e?.name !== 'TransactionCanceledException') return undefined;
  return new Failure(
    { type: 'DynamoDB:TransactionCanceledException', message: e.message ?? 'Transaction cancelled' },
    { [resultKey]: null, cancellationReasons: reasons(e.CancellationReasons) },
  );
}

export async function transactGetItems(client: DynamoDBClient, req: Json): Promise<unknown> {
  const items = transactItemsOf(req, 'TransactGetItems');
  const TransactItems = items.map((t, i) => {
    const params = new ExpressionParams();
    const Key = keyOf(t.key, `transactItems[${i}].key`);
    const projection = projectionOf(t.projection, params, `transactItems[${i}].projection`);
    return { Get: { TableName: t.table as string, Key, ...projection, ...params.sdk } };
  });
  try {
    const out = await client.send(new TransactGetItemsCommand({ TransactItems }));
    return { items: (out.Responses ?? []).map((r) => unmarshallOrNull(r.Item)), cancellationReasons: null };
  } catch (err) {
    throw cancelled(err, 'items') ?? err;
  }
}

export function transactWriteItem(t: Json, i: number): TransactWriteItem {
  const where = `transactItems[${i}]`;
  const TableName = t.table as string;
  const Key = keyOf(t.key, `${where}.key`);
  const condition = readCondition(t.condition, `${where}.condition`);
  const params = new ExpressionParams();
  const withCondition = (): Record<string, unknown> => {
    const ConditionExpression = params.add(condition, `${where}.condition`);
    if (!ConditionExpression) return {};
    const wantItem = condition?.returnValuesOnConditionCheckFailure !== false;
    return { ConditionExpression, ...(wantItem ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}) };
  };
  switch (t.operation) {
    case 'PutItem': {
      const attributes =
        t.attributeValues === undefined || t.attributeValues === null ? {} : toAttributeMap(t.attributeValues, `${where}.attributeValues`);
      const c = withCondition();
      return { Put: { TableName, Item: { ...Key, ...attributes, ...Key }, ...c, ...params.sdk } };
    }
    case 'UpdateItem': {
      if (!isObject(t.update)) throw shapeError(`${where}.update is required`);
      const UpdateExpression = params.add(t.update, `${where}.update`)!;
      const c = withCondition();
      return { Update: { TableName, Key, UpdateExpression, ...c, ...params.sdk } };
    }
    case 'DeleteItem': {
      const c = withCondition();
      return { Delete: { TableName, Key, ...c, ...params.sdk } };
    }
    case 'ConditionCheck': {
      if (!condition) throw shapeError(`${where}.condition is required for ConditionCheck`);
      const c = withCondition() as { ConditionExpression: string };
      return { ConditionCheck: { TableName, Key, ...c, ...params.sdk } };
    }
    default:
      throw shapeError(`${where}.operation must be PutItem, UpdateItem, DeleteItem or ConditionCheck`);
  }
}

export async function transactWriteItems(client: DynamoDBClient, req: Json): Promise<unknown> {
  const items = transactItemsOf(req, 'TransactWriteItems');
  const TransactItems = items.map(transactWriteItem);
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems }));
  } catch (err) {
    throw cancelled(err, 'keys') ?? err;
  }
  return { keys: items.map((t) => unmarshallItem(keyOf(t.key, 'key'))), cancellationReasons: null };
}
