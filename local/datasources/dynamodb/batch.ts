/** BatchGetItem, BatchPutItem, BatchDeleteItem: results in request order, unprocessed keys apart. */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { keyString, toAttributeMap, unmarshallItem } from '../dynamodb-values.js';
import { shapeError, tooMany } from './errors.js';
import { LIMITS } from './limits.js';
import { bool, ExpressionParams, isObject, keyOf, projectionOf, type AttrMap, type Json } from './request.js';

function tablesOf(req: Json): Json {
  if (!isObject(req.tables) || Object.keys(req.tables).length === 0) throw shapeError('tables is required');
  return req.tables;
}

/** Top-level attribute names a projection expression selects. */
export function projectedNames(expression: string, names: Record<string, string>): Set<string> {
  return new Set(
    expression
      .split(',')
      .map((p) => p.trim().split(/[.[]/)[0]!.trim())
      .map((p) => (p.startsWith('#') ? (names[p] ?? p) : p)),
  );
}

export async function batchGetItem(client: DynamoDBClient, req: Json): Promise<unknown> {
  const tables = tablesOf(req);
  const RequestItems: Record<string, KeysAndAttributes> = {};
  const requested: Record<string, AttrMap[]> = {};
  const strip: Record<string, string[]> = {};
  let count = 0;
  for (const [table, spec] of Object.entries(tables)) {
    // The doc's example writes `tables: { t: [keys] }`, its type `{ t: { keys } }`: take both.
    const entry: Json = Array.isArray(spec) ? { keys: spec } : isObject(spec) ? spec : {};
    if (!Array.isArray(entry.keys)) throw shapeError(`tables.${table}.keys must be a list`);
    const keys = entry.keys.map((k, i) => keyOf(k, `tables.${table}.keys[${i}]`));
    count += keys.length;
    requested[table] = keys;
    const params = new ExpressionParams();
    const projection = projectionOf(entry.projection, params, `tables.${table}.projection`);
    if (projection.ProjectionExpression && keys[0]) {
      // Results are matched to request keys by their key attributes: make sure they come back.
      const selected = projectedNames(projection.ProjectionExpression, params.names);
      const extra = Object.keys(keys[0]).filter((k) => !selected.has(k));
      extra.forEach((k, i) => {
        params.names[`#stockroomKey${i}`] = k;
        projection.ProjectionExpression += `, #stockroomKey${i}`;
      });
      strip[table] = extra;
    }
    RequestItems[table] = {
      Keys: keys,
      ConsistentRead: bool(entry.consistentRead, false, `tables.${table}.consistentRead`),
      ...projection,
      ...params.sdk,
    };
  }
  if (count > LIMITS.batchGet) throw tooMany('BatchGetItem', LIMITS.batchGet, count);
  const out = await client.send(new BatchGetItemCommand({ RequestItems }));
  const data: Record<string, (Json | null)[]> = {};
  const unprocessedKeys: Record<string, Json[]> = {};
  for (const [table, keys] of Object.entries(requested)) {
    const keyNames = keys[0] ? Object.keys(keys[0]) : [];
    const found = new Map<string, AttrMap>();
    for (const item of out.Responses?.[table] ?? []) found.set(keyString(item, keyNames), item);
    const pending = new Set((out.UnprocessedKeys?.[table]?.Keys ?? []).map((k) => keyString(k, keyNames)));
    unprocessedKeys[table] = [];
    data[table] = keys.map((key) => {
      const id = keyString(key, Object.keys(key));
      if (pending.has(id)) {
        unprocessedKeys[table]!.push(unmarshallItem(key));
        return null;
      }
      const item = found.get(id);
      if (!item) return null;
      const json = unmarshallItem(item);
      for (const k of strip[table] ?? []) delete json[k];
      return json;
    });
  }
  return { data, unprocessedKeys };
}

export async function batchWrite(client: DynamoDBClient, req: Json, kind: 'put' | 'delete'): Promise<unknown> {
  const tables = tablesOf(req);
  const RequestItems: Record<string, WriteRequest[]> = {};
  const requested: Record<string, AttrMap[]> = {};
  let count = 0;
  for (const [table, list] of Object.entries(tables)) {
    if (!Array.isArray(list)) throw shapeError(`tables.${table} must be a list`);
    const entries = list.map((e, i) => (kind === 'put' ? toAttributeMap(e, `tables.${table}[${i}]`) : keyOf(e, `tables.${table}[${i}]`)));
    count += entries.length;
    requested[table] = entries;
    RequestItems[table] = entries.map((e) => (kind === 'put' ? { PutRequest: { Item: e } } : { DeleteRequest: { Key: e } }));
  }
  if (count > LIMITS.batchWrite) throw tooMany(kind === 'put' ? 'BatchPutItem' : 'BatchDeleteItem', LIMITS.batchWrite, count);
  const out = await client.send(new BatchWriteItemCommand({ RequestItems }));
  const data: Record<string, (Json | null)[]> = {};
  const unprocessed: Record<string, Json[]> = {};
  for (const [table, entries] of Object.entries(requested)) {
    const leftovers = (out.UnprocessedItems?.[table] ?? []).map((w) => (kind === 'put' ? w.PutRequest?.Item : w.DeleteRequest?.Key) ?? {});
    const pending = new Set(leftovers.map((e) => keyString(e, Object.keys(e))));
    unprocessed[table] = [];
    data[table] = entries.map((e) => {
      const json = unmarshallItem(e);
      if (pending.has(keyString(e, Object.keys(e)))) {
        unprocessed[table]!.push(json);
        return null;
      }
      return json;
    });
  }
  return kind === 'put' ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed };
}
