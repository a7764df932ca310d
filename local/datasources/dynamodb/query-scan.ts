/** Query and Scan: one page of items, with AppSync's opaque `nextToken` per resolver. */
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { InvocationMeta } from '../types.js';
import { unmarshallItem } from '../dynamodb-values.js';
import { INVALID_TOKEN_ERROR, InvalidTokenError, decodeToken, encodeToken } from '../dynamodb-tokens.js';
import { Failure, shapeError } from './errors.js';
import {
  bool,
  ExpressionParams,
  int,
  isObject,
  projectionOf,
  type AttrMap,
  type ExpressionInput,
  type Json,
  type TableContext,
} from './request.js';

function startKey(req: Json, meta: InvocationMeta | undefined): AttrMap | undefined {
  if (req.nextToken === undefined || req.nextToken === null) return undefined;
  if (typeof req.nextToken !== 'string') throw new Failure({ ...INVALID_TOKEN_ERROR });
  try {
    return decodeToken(req.nextToken, meta?.resolverId ?? '');
  } catch (err) {
    if (err instanceof InvalidTokenError) throw new Failure({ ...INVALID_TOKEN_ERROR });
    throw err;
  }
}

function page(out: { Items?: AttrMap[]; LastEvaluatedKey?: AttrMap; ScannedCount?: number }, meta: InvocationMeta | undefined): unknown {
  return {
    items: (out.Items ?? []).map(unmarshallItem),
    nextToken:
      out.LastEvaluatedKey && Object.keys(out.LastEvaluatedKey).length ? encodeToken(out.LastEvaluatedKey, meta?.resolverId ?? '') : null,
    scannedCount: out.ScannedCount ?? 0,
  };
}

function common(tableName: string, req: Json, params: ExpressionParams): Record<string, unknown> {
  if (req.index !== undefined && req.index !== null && typeof req.index !== 'string') throw shapeError('index must be a string');
  if (req.select !== undefined && req.select !== null && typeof req.select !== 'string') throw shapeError('select must be a string');
  const FilterExpression = params.add(req.filter as ExpressionInput | undefined, 'filter');
  return {
    TableName: tableName,
    IndexName: req.index ?? undefined,
    Limit: int(req.limit, 'limit'),
    ConsistentRead: bool(req.consistentRead, false, 'consistentRead'),
    Select: req.select ?? undefined,
    FilterExpression,
    ...projectionOf(req.projection, params, 'projection'),
  };
}

export async function query({ client, tableName }: TableContext, req: Json, meta: InvocationMeta | undefined): Promise<unknown> {
  if (!isObject(req.query)) throw shapeError('query is required');
  const params = new ExpressionParams();
  const KeyConditionExpression = params.add(req.query, 'query');
  const input = common(tableName, req, params);
  const out = await client.send(
    new QueryCommand({
      ...(input as object),
      TableName: tableName,
      KeyConditionExpression,
      ScanIndexForward: bool(req.scanIndexForward, true, 'scanIndexForward'),
      ExclusiveStartKey: startKey(req, meta),
      ...params.sdk,
    }),
  );
  return page(out, meta);
}

export async function scan({ client, tableName }: TableContext, req: Json, meta: InvocationMeta | undefined): Promise<unknown> {
  const params = new ExpressionParams();
  const input = common(tableName, req, params);
  const Segment = int(req.segment, 'segment');
  const TotalSegments = int(req.totalSegments, 'totalSegments');
  if ((Segment === undefined) !== (TotalSegments === undefined)) throw shapeError('segment and totalSegments must be given together');
  const out = await client.send(
    new ScanCommand({
      ...(input as object),
      TableName: tableName,
      Segment,
      TotalSegments,
      ExclusiveStartKey: startKey(req, meta),
      ...params.sdk,
    }),
  );
  return page(out, meta);
}
