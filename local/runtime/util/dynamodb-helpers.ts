/**
 * The `@aws-appsync/utils/dynamodb` module (AWS AppSync Developer Guide, "Built-in modules"): pure
 * builders of the raw DynamoDB request objects (AWS AppSync Developer Guide, "AWS AppSync JavaScript
 * resolver function reference for DynamoDB"). Shapes marked [AWS-REC] are byte-exact to AWS's
 * EvaluateCode output; the rest are [INFERRED] (see `docs/local-runtime.md`) and say so where they
 * are built.
 */
import { toDynamoDB, toMapValues, type AttributeValue } from './dynamodb-values.js';
import { toDynamoDBExpression, type DynamoDBExpression } from './transform.js';
import { isPlainObject, type PlainObject } from './values.js';

/** A helper misuse: surfaces as a runtime error of the resolver, as a thrown TypeError would on AWS. */
export class DynamoDBHelperError extends Error {}

type Req = PlainObject;

/** Copies the listed keys of `input` that are not undefined (null is passed through). */
function passThrough(out: Req, input: PlainObject, keys: string[]): Req {
  for (const k of keys) if (input[k] !== undefined) out[k] = input[k];
  return out;
}

function key(v: unknown, what = 'key'): Record<string, AttributeValue> {
  const k = toMapValues(v);
  if (k === null) throw new DynamoDBHelperError(`${what} must be an object`);
  return k;
}

/**
 * `condition`/`filter` objects → the parsed `{expression, expressionNames, expressionValues}` form
 * [INFERRED; `docs/local-runtime.md`]. AWS rejects a raw `{expression}` here [COMMUNITY], so does this.
 */
function expression(v: unknown, what: string): DynamoDBExpression {
  const e = toDynamoDBExpression(v);
  if (e === null) throw new DynamoDBHelperError(`${what} is not a valid filter object`);
  return e;
}

function setExpression(out: Req, input: PlainObject, field: 'condition' | 'filter', target: string = field): void {
  const v = input[field];
  if (v !== undefined && v !== null) out[target] = expression(v, field);
}

/**
 * `projection: ['a', 'b.c', 'list[1]']` → `{expression: "#a, #b.#c, #list[1]", expressionNames}`
 * [INFERRED; `docs/local-runtime.md`]. Name placeholders are the path segment with non-word characters replaced by `_`.
 */
export function projection(paths: unknown): { expression: string; expressionNames: Record<string, string> } {
  if (!Array.isArray(paths)) throw new DynamoDBHelperError('projection must be an array of attribute paths');
  const names: Record<string, string> = {};
  const exprs = paths.map((p) =>
    String(p)
      .split('.')
      .map((segment) => {
        const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
        if (!m) throw new DynamoDBHelperError(`invalid projection path: ${String(p)}`);
        const placeholder = `#${(m[1] as string).replace(/\W/g, '_')}`;
        names[placeholder] = m[1] as string;
        return placeholder + m[2];
      })
      .join('.'),
  );
  return { expression: exprs.join(', '), expressionNames: names };
}

function setProjection(out: Req, input: PlainObject): void {
  const p = input['projection'];
  if (p !== undefined && p !== null) out['projection'] = projection(p);
}

function payload(v: unknown, fn: string): PlainObject {
  if (!isPlainObject(v)) throw new DynamoDBHelperError(`${fn}: the argument must be an object`);
  return v;
}

// ---------------------------------------------------------------- operations

/** What `operations.*` return on AWS [AWS-REC for add/replace/increment/decrement/append/prepend]. */
export const operations = {
  add: (value: unknown) => ({ type: 'OPERATION_ADD', value }),
  /** INFERRED shape (not recorded). */
  remove: () => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown) => ({ type: 'OPERATION_REPLACE', value }),
  /** No argument: by 1 [INFERRED]. */
  increment: (by?: unknown) => ({ type: 'OPERATION_INCREMENT', by: by ?? 1 }),
  decrement: (by?: unknown) => ({ type: 'OPERATION_DECREMENT', by: by ?? 1 }),
  append: (items: unknown) => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown) => ({ type: 'OPERATION_PREPEND', items }),
  /** INFERRED shape (not recorded). */
  updateListItem: (value: unknown, index: unknown) => ({ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }),
};

function operationType(v: unknown): string | undefined {
  return isPlainObject(v) && typeof v['type'] === 'string' && v['type'].startsWith('OPERATION_') ? v['type'] : undefined;
}

/**
 * Builds the update expression [AWS-REC numbering: `#expName_N`/`:expValue_N` from 1, in key order,
 * every assignment in one `SET` clause joined by ", "; plain values and `null` are SETs]. INFERRED:
 * `REMOVE` clauses follow SET; a nested plain object sets only its listed sub-keys
 * (`#expName_1.#expName_2`); `updateListItem` arrays set `#expName_N[i]`; an attribute name used
 * twice reuses its placeholder; an empty `expressionValues` is left out.
 */
function buildUpdate(update: unknown): PlainObject {
  if (!isPlainObject(update)) throw new DynamoDBHelperError('update must be an object');
  const names: Record<string, string> = {};
  const nameOf = new Map<string, string>();
  const values: Record<string, AttributeValue> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  let valueCount = 0;
  const name = (attr: string): string => {
    let n = nameOf.get(attr);
    if (n === undefined) {
      n = `#expName_${nameOf.size + 1}`;
      nameOf.set(attr, n);
      names[n] = attr;
    }
    return n;
  };
  const value = (v: unknown): string => {
    valueCount += 1;
    const placeholder = `:expValue_${valueCount}`;
    values[placeholder] = toDynamoDB(v) ?? { NULL: null };
    return placeholder;
  };
  const walk = (obj: PlainObject, parent: string): void => {
    for (const [attr, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      const path = parent === '' ? name(attr) : `${parent}.${name(attr)}`;
      const op = operationType(v);
      const o = v as PlainObject;
      switch (op) {
        case 'OPERATION_ADD':
        case 'OPERATION_REPLACE':
          sets.push(`${path} = ${value(o['value'])}`);
          break;
        case 'OPERATION_INCREMENT':
          sets.push(`${path} = ${path} + ${value(o['by'])}`);
          break;
        case 'OPERATION_DECREMENT':
          sets.push(`${path} = ${path} - ${value(o['by'])}`);
          break;
        case 'OPERATION_APPEND':
          sets.push(`${path} = list_append(${path}, ${value(o['items'])})`);
          break;
        case 'OPERATION_PREPEND':
          sets.push(`${path} = list_append(${value(o['items'])}, ${path})`);
          break;
        case 'OPERATION_REMOVE':
          removes.push(path);
          break;
        case 'OPERATION_UPDATE_LIST_ITEM':
          sets.push(`${path}[${Number(o['index'])}] = ${value(o['value'])}`);
          break;
        default:
          if (Array.isArray(v) && v.length > 0 && v.every((e) => operationType(e) === 'OPERATION_UPDATE_LIST_ITEM')) {
            for (const e of v as PlainObject[]) sets.push(`${path}[${Number(e['index'])}] = ${value(e['value'])}`);
          } else if (isPlainObject(v) && op === undefined) {
            walk(v, path);
          } else {
            sets.push(`${path} = ${value(v)}`);
          }
      }
    }
  };
  walk(update, '');
  const clauses: string[] = [];
  if (sets.length > 0) clauses.push(`SET ${sets.join(', ')}`);
  if (removes.length > 0) clauses.push(`REMOVE ${removes.join(', ')}`);
  const out: PlainObject = { expression: clauses.join(' '), expressionNames: names };
  if (valueCount > 0) out['expressionValues'] = values;
  return out;
}

// ---------------------------------------------------------------- single-item operations

const VERSIONING = ['customPartitionKey', 'populateIndexFields', '_version'];

/** [AWS-REC] `{operation:"GetItem", key}`; consistentRead/projection [INFERRED]. */
export function get(input: unknown): Req {
  const p = payload(input, 'get');
  const out = passThrough({ operation: 'GetItem', key: key(p['key']) }, p, ['consistentRead']);
  setProjection(out, p);
  return out;
}

/** [AWS-REC] key and item converted separately; key attributes are not copied into attributeValues. */
export function put(input: unknown): Req {
  const p = payload(input, 'put');
  const out: Req = { operation: 'PutItem', key: key(p['key']), attributeValues: toMapValues(p['item'] ?? {}) ?? {} };
  setExpression(out, p, 'condition');
  return passThrough(out, p, VERSIONING);
}

/** [AWS-REC] `{operation:"DeleteItem", key}`. */
export function remove(input: unknown): Req {
  const p = payload(input, 'remove');
  const out: Req = { operation: 'DeleteItem', key: key(p['key']) };
  setExpression(out, p, 'condition');
  return passThrough(out, p, VERSIONING);
}

/** [AWS-REC for the update expression forms listed on `buildUpdate`]. */
export function update(input: unknown): Req {
  const p = payload(input, 'update');
  const out: Req = { operation: 'UpdateItem', key: key(p['key']), update: buildUpdate(p['update']) };
  setExpression(out, p, 'condition');
  return passThrough(out, p, VERSIONING);
}

// ---------------------------------------------------------------- query / scan / sync

/** [INFERRED] key conditions rendered by `util.transform` (AWS AppSync Developer Guide, "Transformation helpers in util.transform"), e.g. `(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))`. */
export function query(input: unknown): Req {
  const p = payload(input, 'query');
  const out: Req = { operation: 'Query', query: expression(p['query'], 'query') };
  passThrough(out, p, ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select']);
  setExpression(out, p, 'filter');
  setProjection(out, p);
  return out;
}

/** [AWS-REC] `scan({limit:10, nextToken:"abc"})` → `{operation:"Scan", limit:10, nextToken:"abc"}`. */
export function scan(input: unknown): Req {
  const p = payload(input ?? {}, 'scan');
  const out: Req = { operation: 'Scan' };
  passThrough(out, p, ['index', 'limit', 'nextToken', 'consistentRead', 'totalSegments', 'segment', 'select']);
  setExpression(out, p, 'filter');
  setProjection(out, p);
  return out;
}

/** [INFERRED] */
export function sync(input: unknown): Req {
  const p = payload(input ?? {}, 'sync');
  const out: Req = { operation: 'Sync' };
  passThrough(out, p, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  setExpression(out, p, 'filter');
  return out;
}

// ---------------------------------------------------------------- batch / transact (all INFERRED, `docs/local-runtime.md`)

function tables(p: PlainObject, fn: string): PlainObject {
  if (!isPlainObject(p['tables'])) throw new DynamoDBHelperError(`${fn}: tables must be an object`);
  return p['tables'];
}

function keyList(v: unknown, fn: string): Record<string, AttributeValue>[] {
  if (!Array.isArray(v)) throw new DynamoDBHelperError(`${fn}: expected a list`);
  return v.map((k) => key(k, `${fn} entry`));
}

export function batchGet(input: unknown): Req {
  const p = payload(input, 'batchGet');
  const out: PlainObject = {};
  for (const [table, spec] of Object.entries(tables(p, 'batchGet'))) {
    // The doc example's `tables:{t:[keys…]}` form is accepted too (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB").
    const s = Array.isArray(spec) ? { keys: spec } : payload(spec, 'batchGet');
    const t: Req = passThrough({ keys: keyList(s['keys'], 'batchGet') }, s, ['consistentRead']);
    setProjection(t, s);
    out[table] = t;
  }
  return { operation: 'BatchGetItem', tables: out };
}

export function batchPut(input: unknown): Req {
  const p = payload(input, 'batchPut');
  const out: PlainObject = {};
  for (const [table, items] of Object.entries(tables(p, 'batchPut'))) out[table] = keyList(items, 'batchPut');
  return { operation: 'BatchPutItem', tables: out };
}

export function batchDelete(input: unknown): Req {
  const p = payload(input, 'batchDelete');
  const out: PlainObject = {};
  for (const [table, keys] of Object.entries(tables(p, 'batchDelete'))) out[table] = keyList(keys, 'batchDelete');
  return { operation: 'BatchDeleteItem', tables: out };
}

export function transactGet(input: unknown): Req {
  const p = payload(input, 'transactGet');
  if (!Array.isArray(p['items'])) throw new DynamoDBHelperError('transactGet: items must be a list');
  const transactItems = p['items'].map((i: unknown) => {
    const it = payload(i, 'transactGet item');
    const out: Req = { table: it['table'], key: key(it['key']) };
    setProjection(out, it);
    return out;
  });
  return { operation: 'TransactGetItems', transactItems };
}

export function transactWrite(input: unknown): Req {
  const p = payload(input, 'transactWrite');
  if (!Array.isArray(p['items'])) throw new DynamoDBHelperError('transactWrite: items must be a list');
  const transactItems = p['items'].map((i: unknown) => {
    const it = payload(i, 'transactWrite item');
    let out: Req;
    let spec: PlainObject;
    if (it['putItem'] !== undefined) {
      spec = payload(it['putItem'], 'putItem');
      out = { table: spec['table'], operation: 'PutItem', key: key(spec['key']), attributeValues: toMapValues(spec['item'] ?? {}) ?? {} };
    } else if (it['updateItem'] !== undefined) {
      spec = payload(it['updateItem'], 'updateItem');
      out = { table: spec['table'], operation: 'UpdateItem', key: key(spec['key']), update: buildUpdate(spec['update']) };
    } else if (it['deleteItem'] !== undefined) {
      spec = payload(it['deleteItem'], 'deleteItem');
      out = { table: spec['table'], operation: 'DeleteItem', key: key(spec['key']) };
    } else if (it['conditionCheck'] !== undefined) {
      spec = payload(it['conditionCheck'], 'conditionCheck');
      out = { table: spec['table'], operation: 'ConditionCheck', key: key(spec['key']) };
    } else {
      throw new DynamoDBHelperError('transactWrite: each item needs putItem, updateItem, deleteItem or conditionCheck');
    }
    setExpression(out, spec, 'condition');
    return out;
  });
  return { operation: 'TransactWriteItems', transactItems };
}

// ---------------------------------------------------------------- sets

/**
 * Module-level set builders. Numbers stay numbers, like `util.dynamodb.toNumberSet` [AWS-REC]; the
 * `.d.ts` example shows strings (`{"NS":["1","2","3"]}`); the data source accepts both [INFERRED].
 */
export const toStringSet = (list: unknown) => ({ SS: Array.isArray(list) ? [...(list as unknown[])] : [list] });
export const toNumberSet = (list: unknown) => ({ NS: Array.isArray(list) ? [...(list as unknown[])] : [list] });
export const toBinarySet = (list: unknown) => ({ BS: Array.isArray(list) ? [...(list as unknown[])] : [list] });

export function createDynamoDBModule(): PlainObject {
  return {
    get,
    put,
    remove,
    update,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    toStringSet,
    toNumberSet,
    toBinarySet,
    operations: { ...operations },
  };
}
