/**
 * Validates an EventBridge event pattern and compiles it into the tree `match.ts` evaluates.
 * Invalid patterns throw `InvalidEventPatternError` whose message is what EventBridge answers
 * (`Event pattern is not valid. Reason: … at [Source: …; line: L, column: C]`).
 * Semantics follow "Amazon EventBridge event patterns", "Content filtering in Amazon EventBridge
 * event patterns" and "Comparison operators for use in event patterns in Amazon EventBridge".
 */
import { parseCidr, parseIpAddress } from './cidr.js';
import { JsonLocatedError, jacksonLocation, parseJsonTree, type JsonEntry, type JsonNode } from './json-tree.js';
import type { FieldPattern, LeafMatcher, NegatedMatcher, NumericBound, ObjectPattern } from './types.js';

export class InvalidEventPatternError extends Error {
  constructor(
    message: string,
    /** The reason alone, without the "Event pattern is not valid" preamble and location. */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'InvalidEventPatternException';
  }
}

/** The operator names that cannot be field names inside `$or` (they would read as matchers). */
const OPERATORS = ['anything-but', 'numeric', 'prefix', 'suffix', 'exists', 'cidr', 'equals-ignore-case', 'wildcard'];
/** EventBridge's numeric matching range ("Numeric matching"). */
const NUMERIC_LIMIT = 5e9;

const fail = (reason: string, node: { readonly end: number }): never => {
  throw new JsonLocatedError(reason, node.end);
};

function compileObject(node: Extract<JsonNode, { kind: 'object' }>, insideOr: boolean): ObjectPattern {
  if (node.entries.length === 0) fail('Empty objects are not allowed', node);
  const fields = new Map<string, FieldPattern>();
  const anyOf: ObjectPattern[][] = [];
  for (const entry of node.entries) {
    if (entry.key === '$or') {
      anyOf.push(compileOr(entry));
      continue;
    }
    if (insideOr && OPERATORS.includes(entry.key))
      fail(`${entry.key} is Ruler reserved fieldName which cannot be used inside $or.`, { end: entry.keyEnd });
    const value = entry.value;
    if (value.kind === 'object') fields.set(entry.key, { kind: 'object', pattern: compileObject(value, insideOr) });
    else if (value.kind === 'array') fields.set(entry.key, { kind: 'leaf', matchers: compileLeaf(value) });
    else fail(`"${entry.key}" must be an object or an array`, value);
  }
  return { fields, anyOf };
}

function compileOr(entry: JsonEntry): ObjectPattern[] {
  const value = entry.value;
  if (value.kind !== 'array') return fail('It must be an Array followed with $or.', value);
  const alternatives = value.items.map((item) =>
    item.kind === 'object' ? compileObject(item, true) : fail('Only JSON object is allowed in array of $or relationship.', item),
  );
  if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.', value);
  return alternatives;
}

function compileLeaf(node: Extract<JsonNode, { kind: 'array' }>): LeafMatcher[] {
  if (node.items.length === 0) fail('Empty arrays are not allowed', node);
  return node.items.map((item): LeafMatcher => {
    switch (item.kind) {
      case 'string': {
        const ip = parseIpAddress(item.value);
        return ip
          ? { op: 'exact-string', value: item.value, ip: ip.value, ipVersion: ip.version }
          : { op: 'exact-string', value: item.value };
      }
      case 'number':
        return { op: 'exact-number', value: item.value };
      case 'true':
      case 'false':
        return { op: 'exact-literal', value: item.kind === 'true' };
      case 'null':
        return { op: 'exact-literal', value: null };
      case 'object':
        return compileMatchExpression(item);
      default:
        return fail('Match value must be String, number, true, false, or null', item);
    }
  });
}

/** The single `{operator: value}` entry of a match expression. */
function onlyEntry(node: Extract<JsonNode, { kind: 'object' }>, missing: string): JsonEntry {
  const [first, second] = node.entries;
  if (!first) return fail(missing, node);
  if (second) fail('Only one key allowed in match expression', second.value);
  return first;
}

function stringOf(node: JsonNode, reason: string): string {
  return node.kind === 'string' ? node.value : fail(reason, node);
}

function compileMatchExpression(node: Extract<JsonNode, { kind: 'object' }>): LeafMatcher {
  const { key, value } = onlyEntry(node, 'Match expression name not found');
  switch (key) {
    case 'prefix':
    case 'suffix': {
      if (value.kind === 'object') {
        const inner = onlyEntry(value, `${key} match pattern must be a string`);
        if (inner.key !== 'equals-ignore-case') fail(`Unsupported ${key} pattern: ${inner.key}`, inner.value);
        return { op: key, value: stringOf(inner.value, 'equals-ignore-case match pattern must be a string'), ignoreCase: true };
      }
      return { op: key, value: stringOf(value, `${key} match pattern must be a string`), ignoreCase: false };
    }
    case 'equals-ignore-case':
      return { op: 'equals-ignore-case', value: stringOf(value, 'equals-ignore-case match pattern must be a string'), ignoreCase: true };
    case 'wildcard':
      return { op: 'wildcard', regex: wildcardRegex(stringOf(value, 'wildcard match pattern must be a string'), value) };
    case 'exists':
      if (value.kind !== 'true' && value.kind !== 'false') return fail('exists match pattern must be either true or false.', value);
      return { op: 'exists', value: value.kind === 'true' };
    case 'cidr': {
      const text = stringOf(value, 'cidr match pattern must be a string');
      try {
        return { op: 'cidr', range: parseCidr(text) };
      } catch (error) {
        return fail((error as Error).message, value);
      }
    }
    case 'numeric':
      if (value.kind !== 'array') return fail('Value of numeric must be an array.', value);
      return compileNumeric(value);
    case 'anything-but':
      return { op: 'anything-but', not: compileAnythingBut(value) };
    default:
      return fail(`Unrecognized match type ${key}`, value);
  }
}

function compileAnythingBut(value: JsonNode): NegatedMatcher {
  if (value.kind === 'object') {
    const { key, value: inner } = onlyEntry(value, 'Anything-But expression name not found');
    if (key === 'prefix' || key === 'suffix') {
      const text = stringOf(inner, 'prefix/suffix match pattern must be a string');
      if (text === '') fail('Null prefix/suffix not allowed', inner);
      return { kind: key, value: text };
    }
    if (key === 'equals-ignore-case') {
      const items = inner.kind === 'array' ? inner.items : [inner];
      if (items.length === 0) fail('Empty arrays are not allowed', inner);
      return {
        kind: 'equals-ignore-case',
        values: items.map((i) => stringOf(i, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.')),
      };
    }
    if (key === 'wildcard') {
      const items = inner.kind === 'array' ? inner.items : [inner];
      if (items.length === 0) fail('Empty arrays are not allowed', inner);
      return { kind: 'wildcard', regexes: items.map((i) => wildcardRegex(stringOf(i, 'wildcard match pattern must be a string'), i)) };
    }
    return fail(`Unsupported anything-but pattern: ${key}`, inner);
  }
  if (value.kind === 'string') return { kind: 'strings', values: new Set([value.value]) };
  if (value.kind === 'number') return { kind: 'numbers', values: [numericValue(value)] };
  if (value.kind !== 'array') return fail('Value of anything-but must be an array or single string/number value.', value);
  const strings = value.items.filter((i) => i.kind === 'string');
  const numbers = value.items.filter((i) => i.kind === 'number');
  const other = value.items.find((i) => i.kind !== 'string' && i.kind !== 'number');
  if (other) fail('Inside anything but list, start|null|boolean is not supported.', other);
  if (strings.length > 0 === numbers.length > 0)
    fail('Inside anything but list, either all values are number or string, mixed type is not supported', value);
  return numbers.length > 0
    ? { kind: 'numbers', values: numbers.map((n) => numericValue(n)) }
    : { kind: 'strings', values: new Set(strings.map((s) => s.value)) };
}

function numericValue(node: JsonNode): number {
  if (node.kind !== 'number') return fail('Value must be numeric', node);
  if (Math.abs(node.value) > NUMERIC_LIMIT) fail('Value must be between -5.0E9 and 5.0E9, inclusive', node);
  return node.value;
}

function compileNumeric(node: Extract<JsonNode, { kind: 'array' }>): LeafMatcher {
  const items = node.items;
  const operatorAt = (i: number): string | undefined => {
    const item = items[i];
    return item?.kind === 'string' ? item.value : undefined;
  };
  const valueAt = (i: number, operator: string): number => {
    const item = items[i];
    if (!item || item.kind !== 'number') return fail(`Value of ${operator} must be numeric`, item ?? node);
    return numericValue(item);
  };
  const first = items[0];
  const op = operatorAt(0);
  if (!first || op === undefined) return fail(`Invalid member in numeric match: ${first ? describe(first) : ']'}`, first ?? node);
  if (op === '=' || op === '<' || op === '<=') {
    const value = valueAt(1, op === '=' ? 'equals' : op);
    if (items.length > 2) fail('Too many elements in numeric expression', items[2] as JsonNode);
    if (op === '=') return { op: 'numeric', lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    return { op: 'numeric', upper: { value, inclusive: op === '<=' } };
  }
  if (op !== '>' && op !== '>=') return fail(`Unrecognized numeric range operator: ${op}`, first);
  const lower: NumericBound = { value: valueAt(1, op), inclusive: op === '>=' };
  if (items.length === 2) return { op: 'numeric', lower };
  const second = items[2] as JsonNode;
  const topOp = operatorAt(2);
  if (topOp === undefined) return fail(`Bad value in numeric range: ${describe(second)}`, second);
  if (topOp !== '<' && topOp !== '<=') return fail(`Bad numeric range operator: ${topOp}`, second);
  const upper: NumericBound = { value: valueAt(3, topOp), inclusive: topOp === '<=' };
  if (items.length > 4) fail('Too many terms in numeric range expression', items[4] as JsonNode);
  if (lower.value >= upper.value) fail('Bottom must be less than top', items[3] as JsonNode);
  return { op: 'numeric', lower, upper };
}

function describe(node: JsonNode): string {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'object') return '{';
  if (node.kind === 'array') return '[';
  return node.kind;
}

/** `*` matches any run of characters; `\*` a literal star and `\\` a literal backslash. */
function wildcardRegex(text: string, node: JsonNode): RegExp {
  let source = '';
  let previousWasWildcard = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (ch === '*') {
      if (previousWasWildcard) fail(`Consecutive wildcard characters at pos ${i - 1}`, node);
      source += '.*';
      previousWasWildcard = true;
      continue;
    }
    previousWasWildcard = false;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${i}`, node);
      source += `\\${next}`;
      i += 1;
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

/** Validates and compiles a pattern given as JSON text (as PutRule/TestEventPattern receive it). */
export function compileEventPattern(text: string): ObjectPattern {
  try {
    const root = parseJsonTree(text);
    if (root.kind !== 'object') fail('Filter is not an object', root);
    return compileObject(root as Extract<JsonNode, { kind: 'object' }>, false);
  } catch (error) {
    if (!(error instanceof JsonLocatedError)) throw error;
    throw new InvalidEventPatternError(
      `Event pattern is not valid. Reason: ${error.reason}\n ${jacksonLocation(text, error.offset)}`,
      error.reason,
    );
  }
}
