/**
 * The AMAZON_DYNAMODB data source: executes the request objects of APPSYNC_JS resolvers against
 * DynamoDB (Local) and shapes `ctx.result`/`ctx.error` as AppSync does (reference §6).
 *
 * Choices where AppSync's behaviour is not documented (see also the report in the README):
 * - A string `condition` is accepted when it is the JSON text of a condition object (the raw
 *   output of `util.transform.toDynamoDBConditionExpression`) [§12.9, INFERRED].
 * - On a failed condition with strategy Reject, `ctx.result` holds the current item (or null)
 *   [§6.3, INFERRED]. The `Custom` strategy (a Lambda) is not emulated: it behaves as Reject.
 * - `customPartitionKey`, `populateIndexFields`, `_version` (versioned data sources) are ignored;
 *   `Sync` is answered with an unsupported error.
 * - Requests that cannot be parsed get `type: 'MappingTemplate'`; AppSync raises those as field
 *   errors before any DynamoDB call (here they arrive in `ctx.error`).
 * - Service errors: `type: 'DynamoDB:<ExceptionName>'`, message suffixed like the AWS Java SDK
 *   message AppSync relays: `(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: X; Request ID: ...)`.
 *   Transaction cancellations keep DynamoDB's own message without the suffix.
 * - Batch limits (get ≤100, put/delete ≤25) and transact ≤100 are checked up front:
 *   `DynamoDB:ValidationException`, nothing executed.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type CancellationReason,
  type DynamoDBClient,
  type KeysAndAttributes,
  type TransactWriteItem,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { DataSource, DataSourceError, DataSourceOutcome, InvocationMeta } from './types.js';
import { RequestShapeError, itemsEqual, keyString, toAttributeMap, unmarshallItem } from './dynamodb-values.js';
import { INVALID_TOKEN_ERROR, InvalidTokenError, decodeToken, encodeToken } from './dynamodb-tokens.js';
import { createFaultController, type FaultController, type FaultInjection } from './fault-injection.js';

export interface DynamoDataSourceOptions {
  readonly client: DynamoDBClient;
  /** Physical name of the configured table (single-item operations, Query, Scan). */
  readonly tableName: string;
  /** Initial fault settings, or a shared controller. Changeable later through `ds.faults`. */
  readonly faults?: Partial<FaultInjection> | FaultController;
  /** Where unexpected (non-service) failures are reported; clients only see a generic error. */
  readonly log?: (message: string) => void;
}

export interface DynamoDataSource extends DataSource {
  readonly kind: 'AMAZON_DYNAMODB';
  readonly tableName: string;
  readonly faults: FaultController;
}

export const LIMITS = { batchGet: 100, batchWrite: 25, transact: 100 } as const;

type Json = Record<string, unknown>;
type AttrMap = Record<string, AttributeValue>;

/** An AppSync-shaped failure carried out of the operation code. */
class Failure {
  constructor(
    readonly error: DataSourceError,
    readonly result: unknown = null,
  ) {}
}

const shapeError = (message: string): Failure => new Failure({ type: 'MappingTemplate', message });

function awsSuffix(code: string, status = 400): string {
  return ` (Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()})`;
}

function dynamoError(code: string, message: string, status = 400): DataSourceError {
  return { type: `DynamoDB:${code}`, message: `${message}${awsSuffix(code, status)}` };
}

const CONDITIONAL_FAILED_MESSAGE = 'The conditional request failed';
const THROTTLE_MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

/** DynamoDB Local words a few errors differently from DynamoDB; clients should see AWS's text. */
function awsMessage(name: string, message: string): string {
  if (name === 'ResourceNotFoundException') return 'Requested resource not found';
  return message;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- expressions -------------------------------------------------------------------------------

interface ExpressionInput {
  expression?: unknown;
  expressionNames?: unknown;
  expressionValues?: unknown;
}

/** Collects ExpressionAttributeNames/Values across the expressions of one call. */
class ExpressionParams {
  readonly names: Record<string, string> = {};
  readonly values: AttrMap = {};

  add(input: ExpressionInput | undefined, where: string): string | undefined {
    if (input === undefined || input === null) return undefined;
    if (!isObject(input)) throw shapeError(`${where} must be an object`);
    if (typeof input.expression !== 'string' || input.expression.trim() === '') throw shapeError(`${where}.expression is required`);
    if (input.expressionNames !== undefined && input.expressionNames !== null) {
      if (!isObject(input.expressionNames)) throw shapeError(`${where}.expressionNames must be an object`);
      for (const [k, v] of Object.entries(input.expressionNames)) {
        if (typeof v !== 'string') throw shapeError(`${where}.expressionNames.${k} must be a string`);
        if (this.names[k] !== undefined && this.names[k] !== v) throw shapeError(`Expression name ${k} is defined twice with different values`);
        this.names[k] = v;
      }
    }
    if (input.expressionValues !== undefined && input.expressionValues !== null) {
      const values = toAttributeMap(input.expressionValues, `${where}.expressionValues`);
      for (const [k, v] of Object.entries(values)) {
        if (this.values[k] !== undefined && JSON.stringify(this.values[k]) !== JSON.stringify(v)) {
          throw shapeError(`Expression value ${k} is defined twice with different values`);
        }
        this.values[k] = v;
      }
    }
    return input.expression;
  }

  /** DynamoDB rejects empty maps: leave them out. */
  get sdk(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: AttrMap } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

interface Condition extends ExpressionInput {
  equalsIgnore?: unknown;
  consistentRead?: unknown;
  returnValuesOnConditionCheckFailure?: unknown;
  conditionalCheckFailedHandler?: unknown;
}

/** Object, or the JSON text of one (lenient: `toDynamoDBConditionExpression` output unparsed). */
function readCondition(raw: unknown, where: string): Condition | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through
    }
    throw shapeError(`${where} must be an object (or the JSON text of one)`);
  }
  if (!isObject(raw)) throw shapeError(`${where} must be an object`);
  return raw;
}

function projectionOf(raw: unknown, params: ExpressionParams, where: string): { ProjectionExpression?: string } {
  if (raw === undefined || raw === null) return {};
  const expression = params.add(raw as ExpressionInput, where);
  return expression ? { ProjectionExpression: expression } : {};
}

function keyOf(raw: unknown, where: string): AttrMap {
  if (!isObject(raw) || Object.keys(raw).length === 0) throw shapeError(`${where} is required`);
  return toAttributeMap(raw, where);
}

function bool(raw: unknown, fallback: boolean | undefined, where: string): boolean | undefined {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'boolean') throw shapeError(`${where} must be a boolean`);
  return raw;
}

function int(raw: unknown, where: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw shapeError(`${where} must be an integer`);
  return raw;
}

const unmarshallOrNull = (item: AttrMap | undefined): Json | null => (item ? unmarshallItem(item) : null);

// ---- the data source ---------------------------------------------------------------------------

export function createDynamoDataSource(options: DynamoDataSourceOptions): DynamoDataSource {
  const { client, tableName } = options;
  const faults: FaultController =
    options.faults && 'decide' in options.faults ? options.faults : createFaultController((options.faults as Partial<FaultInjection>) ?? {});
  const log = options.log ?? ((m: string) => console.error(`[dynamodb] ${m}`));

  function serviceFailure(err: unknown, result: unknown = null): Failure {
    if (err instanceof Failure) return err;
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
    if (e && typeof e.name === 'string' && e.$metadata && e.$fault) {
      return new Failure(dynamoError(e.name, awsMessage(e.name, e.message ?? e.name), e.$metadata.httpStatusCode ?? 400), result);
    }
    // Connection refused, timeouts, bugs: log the detail here, keep local internals out of responses.
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return new Failure(dynamoError('InternalServerError', 'Internal server error', 500), result);
  }

  async function reread(Key: AttrMap, consistent: boolean): Promise<AttrMap | undefined> {
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: consistent }));
    return out.Item;
  }

  const isConditionFailure = (err: unknown): boolean => (err as { name?: string })?.name === 'ConditionalCheckFailedException';

  const conditionFailure = (current: AttrMap | undefined): Failure =>
    new Failure(dynamoError('ConditionalCheckFailedException', CONDITIONAL_FAILED_MESSAGE), unmarshallOrNull(current));

  // -- single item --------------------------------------------------------------------------------

  async function getItem(req: Json): Promise<unknown> {
    const params = new ExpressionParams();
    const Key = keyOf(req.key, 'key');
    const projection = projectionOf(req.projection, params, 'projection');
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key, ConsistentRead: bool(req.consistentRead, false, 'consistentRead'), ...projection, ...params.sdk }),
    );
    return unmarshallOrNull(out.Item);
  }

  async function putItem(req: Json): Promise<unknown> {
    const Key = keyOf(req.key, 'key');
    const attributes = req.attributeValues === undefined || req.attributeValues === null ? {} : toAttributeMap(req.attributeValues, 'attributeValues');
    const Item: AttrMap = { ...Key, ...attributes, ...Key };
    const condition = readCondition(req.condition, 'condition');
    const params = new ExpressionParams();
    const ConditionExpression = params.add(condition, 'condition');
    try {
      await client.send(new PutItemCommand({ TableName: tableName, Item, ConditionExpression, ...params.sdk }));
      return unmarshallItem(Item);
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const current = await reread(Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!);
      const ignore = Array.isArray(condition?.equalsIgnore) ? condition.equalsIgnore.filter((s): s is string => typeof s === 'string') : [];
      // Idempotent retry: the item already looks like what we wanted to write.
      if (current && itemsEqual(current, Item, ignore)) return unmarshallItem(current);
      throw conditionFailure(current);
    }
  }

  async function updateItem(req: Json): Promise<unknown> {
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
      throw conditionFailure(await reread(Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!));
    }
  }

  async function deleteItem(req: Json): Promise<unknown> {
    const Key = keyOf(req.key, 'key');
    const condition = readCondition(req.condition, 'condition');
    const params = new ExpressionParams();
    const ConditionExpression = params.add(condition, 'condition');
    try {
      const out = await client.send(new DeleteItemCommand({ TableName: tableName, Key, ConditionExpression, ReturnValues: 'ALL_OLD', ...params.sdk }));
      return unmarshallOrNull(out.Attributes);
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const current = await reread(Key, bool(condition?.consistentRead, true, 'condition.consistentRead')!);
      if (!current) return null; // already gone: the delete counts as done
      throw conditionFailure(current);
    }
  }

  // -- query / scan -------------------------------------------------------------------------------

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
      nextToken: out.LastEvaluatedKey && Object.keys(out.LastEvaluatedKey).length ? encodeToken(out.LastEvaluatedKey, meta?.resolverId ?? '') : null,
      scannedCount: out.ScannedCount ?? 0,
    };
  }

  function common(req: Json, params: ExpressionParams): Record<string, unknown> {
    if (req.index !== undefined && req.index !== null && typeof req.index !== 'string') throw shapeError('index must be a string');
    if (req.select !== undefined && req.select !== null && typeof req.select !== 'string') throw shapeError('select must be a string');
    const FilterExpression = params.add(req.filter as ExpressionInput | undefined, 'filter');
    return {
      TableName: tableName,
      IndexName: (req.index as string | undefined) ?? undefined,
      Limit: int(req.limit, 'limit'),
      ConsistentRead: bool(req.consistentRead, false, 'consistentRead'),
      Select: (req.select as string | undefined) ?? undefined,
      FilterExpression,
      ...projectionOf(req.projection, params, 'projection'),
    };
  }

  async function query(req: Json, meta: InvocationMeta | undefined): Promise<unknown> {
    if (!isObject(req.query)) throw shapeError('query is required');
    const params = new ExpressionParams();
    const KeyConditionExpression = params.add(req.query, 'query');
    const input = common(req, params);
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

  async function scan(req: Json, meta: InvocationMeta | undefined): Promise<unknown> {
    const params = new ExpressionParams();
    const input = common(req, params);
    const Segment = int(req.segment, 'segment');
    const TotalSegments = int(req.totalSegments, 'totalSegments');
    if ((Segment === undefined) !== (TotalSegments === undefined)) throw shapeError('segment and totalSegments must be given together');
    const out = await client.send(
      new ScanCommand({ ...(input as object), TableName: tableName, Segment, TotalSegments, ExclusiveStartKey: startKey(req, meta), ...params.sdk }),
    );
    return page(out, meta);
  }

  // -- batch --------------------------------------------------------------------------------------

  function tablesOf(req: Json): Json {
    if (!isObject(req.tables) || Object.keys(req.tables).length === 0) throw shapeError('tables is required');
    return req.tables;
  }

  function tooMany(operation: string, limit: number, count: number): Failure {
    return new Failure(
      dynamoError('ValidationException', `Too many items requested for the ${operation} call: ${count} (the limit is ${limit})`),
    );
  }

  /** Top-level attribute names a projection expression selects. */
  function projectedNames(expression: string, names: Record<string, string>): Set<string> {
    return new Set(
      expression
        .split(',')
        .map((p) => p.trim().split(/[.[]/)[0]!.trim())
        .map((p) => (p.startsWith('#') ? (names[p] ?? p) : p)),
    );
  }

  async function batchGetItem(req: Json): Promise<unknown> {
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
      RequestItems[table] = { Keys: keys, ConsistentRead: bool(entry.consistentRead, false, `tables.${table}.consistentRead`), ...projection, ...params.sdk };
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

  async function batchWrite(req: Json, kind: 'put' | 'delete'): Promise<unknown> {
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

  // -- transactions -------------------------------------------------------------------------------

  function transactItemsOf(req: Json, operation: string): Json[] {
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

  async function transactGetItems(req: Json): Promise<unknown> {
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

  function transactWriteItem(t: Json, i: number): TransactWriteItem {
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
        const attributes = t.attributeValues === undefined || t.attributeValues === null ? {} : toAttributeMap(t.attributeValues, `${where}.attributeValues`);
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

  async function transactWriteItems(req: Json): Promise<unknown> {
    const items = transactItemsOf(req, 'TransactWriteItems');
    const TransactItems = items.map(transactWriteItem);
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems }));
    } catch (err) {
      throw cancelled(err, 'keys') ?? err;
    }
    return { keys: items.map((t) => unmarshallItem(keyOf(t.key, 'key'))), cancellationReasons: null };
  }

  // -- faults -------------------------------------------------------------------------------------

  /** Validates the request first, so an injected fault never hides a malformed request. */
  function injected(operation: string, req: Json): Failure | undefined {
    const fault = faults.decide(operation);
    if (!fault) return undefined;
    const transact = operation === 'TransactWriteItems' || operation === 'TransactGetItems';
    const resultKey = operation === 'TransactWriteItems' ? 'keys' : 'items';
    if (fault === 'conflict') {
      const n = Array.isArray(req.transactItems) ? req.transactItems.length : 1;
      const list = Array.from({ length: n }, (_, i) =>
        i === 0 ? { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' } : { type: 'None', message: 'None' },
      );
      return new Failure(
        {
          type: 'DynamoDB:TransactionCanceledException',
          message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${list.map((r) => r.type).join(', ')}]`,
        },
        { [resultKey]: null, cancellationReasons: list },
      );
    }
    // Throttling: one error type for every operation (transactions included).
    return new Failure(
      dynamoError('ProvisionedThroughputExceededException', THROTTLE_MESSAGE),
      transact ? { [resultKey]: null, cancellationReasons: null } : null,
    );
  }

  // -- dispatch -----------------------------------------------------------------------------------

  const operations: Record<string, (req: Json, meta: InvocationMeta | undefined) => Promise<unknown>> = {
    GetItem: getItem,
    PutItem: putItem,
    UpdateItem: updateItem,
    DeleteItem: deleteItem,
    Query: query,
    Scan: scan,
    BatchGetItem: batchGetItem,
    BatchPutItem: (req) => batchWrite(req, 'put'),
    BatchDeleteItem: (req) => batchWrite(req, 'delete'),
    TransactGetItems: transactGetItems,
    TransactWriteItems: transactWriteItems,
  };

  return {
    kind: 'AMAZON_DYNAMODB',
    tableName,
    faults,
    async invoke(request: unknown, meta: InvocationMeta): Promise<DataSourceOutcome> {
      try {
        const req = typeof request === 'string' ? (JSON.parse(request) as unknown) : request;
        if (!isObject(req)) throw shapeError('The request must be an object');
        const operation = req.operation;
        if (operation === 'Sync') {
          throw shapeError('Sync is not supported by the local DynamoDB data source (it needs a versioned data source with conflict detection)');
        }
        if (typeof operation !== 'string' || !operations[operation]) throw shapeError(`Unsupported operation: ${String(operation)}`);
        const run = operations[operation]!;
        const fault = faults.get().transactionConflictRate > 0 || faults.get().throttleRate > 0 ? injected(operation, req) : undefined;
        if (fault) {
          // Still parse the request so a malformed one reports its own error, not the fault.
          await validateOnly(operation, req);
          return { result: fault.result, error: fault.error };
        }
        return { result: await run(req, meta) };
      } catch (err) {
        const failure = err instanceof Failure ? err : err instanceof RequestShapeError ? shapeError(err.message) : serviceFailure(err);
        return { result: failure.result, error: failure.error };
      }
    },
  };

  async function validateOnly(operation: string, req: Json): Promise<void> {
    switch (operation) {
      case 'TransactWriteItems':
        transactItemsOf(req, operation).forEach(transactWriteItem);
        return;
      case 'TransactGetItems':
        transactItemsOf(req, operation).forEach((t, i) => keyOf(t.key, `transactItems[${i}].key`));
        return;
      case 'GetItem':
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem':
        keyOf(req.key, 'key');
        return;
      default:
        return;
    }
  }
}
