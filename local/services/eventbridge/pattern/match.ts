/**
 * Evaluates a compiled event pattern against an event (any JSON value, usually the EventBridge
 * envelope). Semantics, from "Amazon EventBridge event patterns" and "Content filtering in Amazon
 * EventBridge event patterns":
 * - fields of a pattern object are ANDed, the elements of a leaf array ORed, `$or` alternatives ORed;
 * - an event array matches when any of its elements does (arrays are flattened);
 * - a leaf's values are the scalars (strings, numbers, booleans, null) at its path; an object at a
 *   leaf's path has none, so only `{"exists": false}` matches it;
 * - strings never equal numbers (`"100"` does not match `100`); numbers compare numerically
 *   (`300` matches `3.0e2`).
 */
import { ipInRange, parseIpAddress } from './cidr.js';
import type { FieldPattern, LeafMatcher, NegatedMatcher, ObjectPattern } from './types.js';

type Json = unknown;

/** EventBridge compares numbers only within ±5.0e9 ("Numeric matching"). */
const NUMERIC_LIMIT = 5e9;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(values: readonly Json[]): Json[] {
  return values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function leafValues(value: Json): Json[] {
  if (value === undefined || isPlainObject(value)) return [];
  if (Array.isArray(value)) return flatten(value).filter((v) => !isPlainObject(v));
  return [value];
}

const sameIgnoringCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function isExcluded(not: NegatedMatcher, value: Json): boolean {
  switch (not.kind) {
    case 'strings':
      return typeof value === 'string' && not.values.has(value);
    case 'numbers':
      return typeof value === 'number' && not.values.includes(value);
    case 'prefix':
      return typeof value === 'string' && value.startsWith(not.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(not.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && not.values.some((v) => sameIgnoringCase(v, value));
    case 'wildcard':
      return typeof value === 'string' && not.regexes.some((r) => r.test(value));
  }
}

function matchesValue(matcher: Exclude<LeafMatcher, { op: 'exists' }>, value: Json): boolean {
  switch (matcher.op) {
    case 'exact-string': {
      if (typeof value !== 'string') return false;
      if (value === matcher.value) return true;
      // An IP address in a pattern matches the same address however it is written (IPv6 forms).
      if (matcher.ip === undefined) return false;
      const ip = parseIpAddress(value);
      return ip !== undefined && ip.version === matcher.ipVersion && ip.value === matcher.ip;
    }
    case 'exact-number':
      return typeof value === 'number' && value === matcher.value;
    case 'exact-literal':
      return value === matcher.value;
    case 'prefix':
      return (
        typeof value === 'string' &&
        (matcher.ignoreCase ? value.toLowerCase().startsWith(matcher.value.toLowerCase()) : value.startsWith(matcher.value))
      );
    case 'suffix':
      return (
        typeof value === 'string' &&
        (matcher.ignoreCase ? value.toLowerCase().endsWith(matcher.value.toLowerCase()) : value.endsWith(matcher.value))
      );
    case 'equals-ignore-case':
      return typeof value === 'string' && sameIgnoringCase(value, matcher.value);
    case 'wildcard':
      return typeof value === 'string' && matcher.regex.test(value);
    case 'numeric': {
      if (typeof value !== 'number' || Math.abs(value) > NUMERIC_LIMIT) return false;
      const { lower, upper } = matcher;
      if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
      if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
      return true;
    }
    case 'cidr': {
      const ip = typeof value === 'string' ? parseIpAddress(value) : undefined;
      return ip !== undefined && ipInRange(ip, matcher.range);
    }
    case 'anything-but':
      return !isExcluded(matcher.not, value);
  }
}

function matchesField(field: FieldPattern, value: Json): boolean {
  if (field.kind === 'object') return matchesObjectPattern(field.pattern, value);
  const values = leafValues(value);
  return field.matchers.some((m) => (m.op === 'exists' ? m.value === values.length > 0 : values.some((v) => matchesValue(m, v))));
}

function matchesObject(pattern: ObjectPattern, object: Record<string, Json>): boolean {
  for (const [name, field] of pattern.fields) {
    if (!matchesField(field, Object.hasOwn(object, name) ? object[name] : undefined)) return false;
  }
  return pattern.anyOf.every((alternatives) => alternatives.some((alt) => matchesObject(alt, object)));
}

/** True when `event` matches `pattern` (compile the pattern first with `compileEventPattern`). */
export function matchesObjectPattern(pattern: ObjectPattern, event: Json): boolean {
  if (isPlainObject(event)) return matchesObject(pattern, event);
  const objects = Array.isArray(event) ? flatten(event).filter(isPlainObject) : [];
  // A missing or scalar value is an object without fields: only absence (exists: false) can match.
  if (objects.length === 0) return matchesObject(pattern, {});
  return objects.some((o) => matchesObject(pattern, o));
}
