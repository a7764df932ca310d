/**
 * `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression` (AWS AppSync Developer Guide, "Transformation helpers in util.transform",
 * byte-exact to AWS recordings) and `toElasticsearchQueryDSL`.
 */
import { toDynamoDB, type AttributeValue } from './dynamodb-values.js';
import { isPlainObject, type PlainObject } from './values.js';

export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Thrown internally for input AWS answers with `null`. */
class Invalid {}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Record<string, (operand: string, value: string) => string> = {
  contains: (o, v) => `(contains(${o},${v}))`, // AWS emits no space after the comma [AWS-REC]
  notContains: (o, v) => `(NOT contains(${o},${v}))`,
  beginsWith: (o, v) => `(begins_with(${o},${v}))`,
};
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

class Renderer {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  private value(name: string, v: unknown): string {
    this.values[name] = toDynamoDB(v) ?? { NULL: null };
    return name;
  }

  /**
   * A filter object: its entries joined by " AND " without wrapping. An entry that renders empty
   * still gets its joiner, which leaves AWS's dangling "X AND " [AWS-REC].
   */
  group(obj: unknown, prefix: string): string {
    if (!isPlainObject(obj)) throw new Invalid();
    const parts: string[] = [];
    for (const [key, val] of Object.entries(obj)) {
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(val)) throw new Invalid();
        const members = val.map((m, i) => this.group(m, `${prefix}${key}_${i}_`));
        const joined = members.join(key === 'and' ? ' AND ' : ' OR ');
        parts.push(members.length > 1 ? `(${joined})` : joined);
      } else if (key === 'not') {
        parts.push(`(NOT ${this.group(val, `${prefix}not_`)})`);
      } else {
        if (!isPlainObject(val)) throw new Invalid();
        this.names[`#${key}`] = key;
        parts.push(this.operators(val, `#${key}`, `#${key}`, `:${prefix}${key}_`));
      }
    }
    return parts.join(' AND ');
  }

  /** One field's operator map; several operators are ANDed and wrapped. */
  private operators(ops: PlainObject, name: string, operand: string, valuePrefix: string): string {
    const clauses: string[] = [];
    for (const [op, v] of Object.entries(ops)) {
      const vn = `${valuePrefix}${op}`;
      const cmp = COMPARATORS[op];
      const fn = FUNCTIONS[op];
      if (cmp !== undefined) clauses.push(`(${operand} ${cmp} ${this.value(vn, v)})`);
      else if (fn !== undefined) clauses.push(fn(operand, this.value(vn, v)));
      else if (op === 'between') {
        if (!Array.isArray(v) || v.length < 2) throw new Invalid();
        clauses.push(`(${operand} BETWEEN ${this.value(`${vn}_start`, v[0])} AND ${this.value(`${vn}_end`, v[1])})`);
      } else if (op === 'in') {
        if (!Array.isArray(v)) throw new Invalid();
        // An empty list renders "(null)" [AWS-REC].
        clauses.push(v.length === 0 ? '(null)' : `(${operand} IN (${v.map((x, i) => this.value(`${vn}_${i}`, x)).join(', ')}))`);
      } else if (op === 'attributeExists') {
        if (typeof v !== 'boolean') throw new Invalid();
        clauses.push(v ? `(attribute_exists(${operand}))` : `(attribute_not_exists(${operand}))`);
      } else if (op === 'attributeType') {
        const code = typeof v === 'string' && Object.hasOwn(ATTRIBUTE_TYPES, v) ? ATTRIBUTE_TYPES[v] : undefined;
        if (code === undefined) throw new Invalid();
        clauses.push(`(attribute_type(${operand},${this.value(vn, code)}))`);
      } else if (op === 'size') {
        if (!isPlainObject(v)) throw new Invalid();
        // A nested size names its values again but does not nest the call [AWS-REC].
        clauses.push(this.operators(v, name, `size(${name})`, `${vn}_`));
      } else throw new Invalid();
    }
    return clauses.length > 1 ? `(${clauses.join(' AND ')})` : (clauses[0] ?? '');
  }
}

/** The parsed expression object, or null where AWS answers null. */
export function toDynamoDBExpression(obj: unknown): DynamoDBExpression | null {
  if (!isPlainObject(obj)) return null;
  const r = new Renderer();
  try {
    const expression = r.group(obj, '');
    return { expression, expressionNames: r.names, expressionValues: r.values };
  } catch (e) {
    if (e instanceof Invalid) return null;
    throw e;
  }
}

/** The JSON string AWS returns (key order expression, expressionNames, expressionValues), or null. */
export function toDynamoDBExpressionString(obj: unknown): string | null {
  const e = toDynamoDBExpression(obj);
  return e === null ? null : JSON.stringify(e);
}

// ---------------------------------------------------------------- OpenSearch

/**
 * One field's operators as OpenSearch clauses [TYPES example: `ne` → bool.must_not.term,
 * `range` → gte/lte, `eq` → term, `wildcard`]. The other operators follow the OpenSearch query
 * names [INFERRED]: `match`, `match_phrase`, `match_phrase_prefix`, `regexp`, `multi_match`
 * (`{query, fields:[field]}`), `exists` (false → must_not exists), `gt/gte/lt/lte` → range.
 */
function esField(field: string, ops: unknown): PlainObject {
  if (!isPlainObject(ops)) throw new Invalid();
  const clauses: PlainObject[] = [];
  for (const [op, v] of Object.entries(ops)) {
    switch (op) {
      case 'eq':
        clauses.push({ term: { [field]: v } });
        break;
      case 'ne':
        clauses.push({ bool: { must_not: { term: { [field]: v } } } });
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        clauses.push({ range: { [field]: { [op]: v } } });
        break;
      case 'range':
        if (!Array.isArray(v) || v.length < 2) throw new Invalid();
        const [gte, lte] = v as unknown[];
        clauses.push({ range: { [field]: { gte, lte } } });
        break;
      case 'match':
        clauses.push({ match: { [field]: v } });
        break;
      case 'matchPhrase':
        clauses.push({ match_phrase: { [field]: v } });
        break;
      case 'matchPhrasePrefix':
        clauses.push({ match_phrase_prefix: { [field]: v } });
        break;
      case 'wildcard':
        clauses.push({ wildcard: { [field]: v } });
        break;
      case 'regexp':
        clauses.push({ regexp: { [field]: v } });
        break;
      case 'multiMatch':
        clauses.push({ multi_match: { query: v, fields: [field] } });
        break;
      case 'exists':
        clauses.push(v === false ? { bool: { must_not: { exists: { field } } } } : { exists: { field } });
        break;
      default:
        throw new Invalid();
    }
  }
  return clauses.length === 1 ? (clauses[0] as PlainObject) : { bool: { must: clauses } };
}

function esClauses(obj: unknown): PlainObject[] {
  if (!isPlainObject(obj)) throw new Invalid();
  const out: PlainObject[] = [];
  for (const [key, val] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(val)) throw new Invalid();
      out.push({ bool: { [key === 'and' ? 'must' : 'should']: val.map(esQuery) } });
    } else if (key === 'not') out.push({ bool: { must_not: esQuery(val) } });
    else out.push(esField(key, val));
  }
  return out;
}

/** A filter object as one query; several entries are ANDed under bool.must (the default join). */
function esQuery(obj: unknown): PlainObject {
  const clauses = esClauses(obj);
  return clauses.length === 1 ? (clauses[0] as PlainObject) : { bool: { must: clauses } };
}

/** Top level always `{bool:{must:[…]}}`, as in the TYPES example [INFERRED for a single entry]. */
export function toElasticsearchQueryDSL(obj: unknown): string | null {
  try {
    return JSON.stringify({ bool: { must: esClauses(obj) } });
  } catch (e) {
    if (e instanceof Invalid) return null;
    throw e;
  }
}
