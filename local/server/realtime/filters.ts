/**
 * Which published events a subscription receives.
 * - Enhanced filters (`extensions.setSubscriptionFilter`): groups are ORed, filters in a group are
 *   ANDed; `fieldName` may be a dotted path of up to 5 levels; operators as the AppSync developer
 *   guide's "Extensions" page lists them (case-sensitive).
 * - Argument ("basic") matching, used only when no enhanced filter is set: every argument the client
 *   gave must equal the same-named top-level field of the event; an explicit `null` matches only
 *   events where that field is null or missing; omitted arguments are ignored.
 */
import type { SubscriptionFilter } from '../../runtime/frame.js';

type Filter = SubscriptionFilter['filterGroup'][number]['filters'][number];

/** AppSync's filter limits ("Extensions", "Defining enhanced subscriptions filters in AWS AppSync"). */
export const FILTER_LIMITS = {
  uniqueFieldNamesPerGroup: 5,
  /** Filters combined with OR across the groups; each value of an `in` counts as one. */
  orFilters: 10,
  inValues: 5,
  containsAnyValues: 20,
  stringLength: 256,
  depth: 5,
} as const;

const OPERATORS = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
]);

/** Why AppSync would refuse the filter, or undefined when it is within the limits. */
export function filterProblem(filter: SubscriptionFilter): string | undefined {
  let alternatives = 0;
  for (const group of filter.filterGroup) {
    if (!group || !Array.isArray(group.filters)) return 'Each filterGroup entry needs a "filters" array.';
    const names = new Set<string>();
    let groupAlternatives = 1;
    for (const f of group.filters) {
      if (!f || typeof f.fieldName !== 'string' || f.fieldName === '') return 'Each filter needs a "fieldName".';
      if (!OPERATORS.has(f.operator)) return `Unsupported filter operator "${String(f.operator)}".`;
      if (f.fieldName.split('.').length > FILTER_LIMITS.depth)
        return `Filter field "${f.fieldName}" is nested more than ${FILTER_LIMITS.depth} levels.`;
      names.add(f.fieldName);
      const values = Array.isArray(f.value) ? (f.value as unknown[]) : [f.value];
      if (values.some((v) => typeof v === 'string' && v.length > FILTER_LIMITS.stringLength))
        return `Filter values are limited to ${FILTER_LIMITS.stringLength} characters.`;
      if ((f.operator === 'in' || f.operator === 'notIn') && (!Array.isArray(f.value) || f.value.length > FILTER_LIMITS.inValues)) {
        return `Filter operator \`${f.operator}\` exceeds maximum value limit of ${FILTER_LIMITS.inValues}.`;
      }
      if (f.operator === 'containsAny' && (!Array.isArray(f.value) || f.value.length > FILTER_LIMITS.containsAnyValues)) {
        return `Filter operator \`containsAny\` exceeds maximum value limit of ${FILTER_LIMITS.containsAnyValues}.`;
      }
      if (f.operator === 'between' && (!Array.isArray(f.value) || f.value.length !== 2))
        return 'Filter operator `between` takes [low, high].';
      if (f.operator === 'in') groupAlternatives *= Math.max(1, (f.value as unknown[]).length);
    }
    if (names.size > FILTER_LIMITS.uniqueFieldNamesPerGroup)
      return `A filter combines at most ${FILTER_LIMITS.uniqueFieldNamesPerGroup} unique fieldNames.`;
    alternatives += groupAlternatives;
  }
  if (alternatives > FILTER_LIMITS.orFilters)
    return `A subscription filter combines at most ${FILTER_LIMITS.orFilters} filters with OR (each value of \`in\` counts as one); this one has ${alternatives}.`;
  return undefined;
}

function valueAt(event: unknown, path: string): unknown {
  let current: unknown = event;
  for (const key of path.split('.')) {
    // Filters on lists of objects are ignored by AppSync: a list on the path never matches.
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function ordered(a: unknown, b: unknown): a is number | string {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string' && typeof value === 'string') return field.includes(value);
  return Array.isArray(field) && field.includes(value);
}

export function matchesFilter(f: Filter, event: unknown): boolean {
  const field = valueAt(event, f.fieldName);
  const v = f.value;
  switch (f.operator) {
    case 'eq':
      return field === v;
    case 'ne':
      return field !== v;
    case 'lt':
      return ordered(field, v) && field < (v as typeof field);
    case 'le':
      return ordered(field, v) && field <= (v as typeof field);
    case 'gt':
      return ordered(field, v) && field > (v as typeof field);
    case 'ge':
      return ordered(field, v) && field >= (v as typeof field);
    case 'contains':
      return contains(field, v);
    case 'notContains':
      return !contains(field, v);
    case 'beginsWith':
      return typeof field === 'string' && typeof v === 'string' && field.startsWith(v);
    case 'in':
      return Array.isArray(v) && v.includes(field);
    case 'notIn':
      return Array.isArray(v) && !v.includes(field);
    case 'between': {
      const [lo, hi] = Array.isArray(v) ? (v as unknown[]) : [];
      return ordered(field, lo) && ordered(field, hi) && field >= (lo as typeof field) && field <= (hi as typeof field);
    }
    case 'containsAny':
      return Array.isArray(field) && Array.isArray(v) && v.some((x) => field.includes(x));
    default:
      return false;
  }
}

/** Groups are ORed, filters inside a group ANDed; a filter without groups lets everything through. */
export function matchesEnhanced(filter: SubscriptionFilter, event: unknown): boolean {
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) => group.filters.every((f) => matchesFilter(f, event)));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `args` holds only the arguments the client gave (explicit nulls included). */
export function matchesArguments(args: Record<string, unknown>, event: unknown): boolean {
  const fields = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : {};
  return Object.entries(args).every(([name, value]) =>
    value === null ? fields[name] === null || fields[name] === undefined : sameValue(fields[name], value),
  );
}
