/** GetItem, PutItem, UpdateItem, DeleteItem: one item by its key, with conditions. */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { itemsEqual, toAttributeMap, unmarshallItem } from '../dynamodb-values.js';
import { CONDITIONAL_FAILED_MESSAGE, dynamoError, Failure, shapeError } from './errors.js';
import {
  bool,
  ExpressionParams,
  isObject,
  keyOf,
  projectionOf,
  readCondition,
  unmarshallOrNull,
  type AttrMap,
  type Json,
  type TableContext,
} from './request.js';

async function reread({ client, tableName }: TableContext, Key: AttrMap, consistent: boolean): Promise<AttrMap | undefined> {
  const out = await client.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: consistent }));
  return out.Item;
}

const isConditionFailure = (err: unknown): boolean => (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

const conditionFailure = (current: AttrMap | undefined): Failure =>
  new Failure(dynamoError('ConditionalCheckFailedException', CONDITIONAL_FAILED_MESSAGE), unmarshallOrNull(current));

export async function getItem(ctx: TableContext, req: Json): Promise<unknown> {
  const { client, tableName } = ctx;
  const params = new ExpressionParams();
  const Key = keyOf(req.key, 'key');
  const projection = projectionOf(req.projection, params, 'projection');
  const out = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key,
      ConsistentRead: bool(req.consistentRead, false, 'consistentRead'),
      ...projection,
      ...params.sdk,
    }),
  );
  return unmarshallOrNull(out.Item);
}

export async function putItem(ctx: TableContext, req: Json): Promise<unknown> {
  const { client, tableName } = ctx;
  const Key = keyOf(req.key, 'key');
  const attributes =
    req.attributeValues === undefined || req.attributeValues === null ? {} : toAttributeMap(req.attributeValues, 'attributeValues');
  const Item: AttrMap = { ...Key, ...attributes, ...Key };
  const condition = readCondition(req.condition, 'condition');
  const params = new ExpressionParams();
  const ConditionExpression = params.add(condition, 'condition');
  try {
    await client.send(new PutItemCommand({ TableName: tableName, Item, ConditionExpression, ...params.sdk }));
    return unmarshallItem(Item);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const current = await reread(ctx, Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!);
    const ignore = Array.isArray(condition?.equalsIgnore) ? condition.equalsIgnore.filter((s): s is string => typeof s === 'string') : [];
    // Idempotent retry: the item already looks like what we wanted to write.
    if (current && itemsEqual(current, Item, ignore)) return unmarshallItem(current);
    throw conditionFailure(current);
  }
}

export async function updateItem(ctx: TableContext, req: Json): Promise<unknown> {
  const { client, tableName } = ctx;
  const Key = keyOf(req.key, 'key');
  if (!isObject(req.update)) throw shapeError('update is required');
  const condition = readCondition(req.condition, 'condition');
  const params = new ExpressionParams();
  const UpdateExpression = params.add(req.update, 'update');
  const ConditionExpression = params.add(condition, 'condition');
  try {
    const out = await client.send(
      new UpdateItemCommand({ TableName: tableName, Key, UpdateExpression, ConditionExpression, ReturnValues: 'ALL_NEW', ...params.sdk }),
    );
    return unmarshallOrNull(out.Attributes);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    throw conditionFailure(await reread(ctx, Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!));
  }
}

export async function deleteItem(ctx: TableContext, req: Json): Promise<unknown> {
  const { client, tableName } = ctx;
  const Key = keyOf(req.key, 'key');
  const condition = readCondition(req.condition, 'condition');
  const params = new ExpressionParams();
  const ConditionExpression = params.add(condition, 'condition');
  try {
    const out = await client.send(
      new DeleteItemCommand({ TableName: tableName, Key, ConditionExpression, ReturnValues: 'ALL_OLD', ...params.sdk }),
    );
    return unmarshallOrNull(out.Attributes);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const current = await reread(ctx, Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!);
    if (!current) return null; // already gone: the delete counts as done
    throw conditionFailure(current);
  }
}
