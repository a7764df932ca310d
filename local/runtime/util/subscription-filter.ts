/**
 * `util.transform.toSubscriptionFilter(obj, ignoredFields?, rules?)` (AWS AppSync Developer Guide, "Transformation helpers in util.transform", AWS-REC):
 * disjunctive normal form. Every operator of a field, every `or` member and every rule is an
 * alternative; fields, `and` members and rules multiply out. Operators are not validated and `not`
 * is an ordinary field name. Values stay raw.
 */
import { isPlainObject, jsonCopy } from './values.js';

export interface FilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}
type Group = FilterEntry[];

/** Every group of `a` combined with every group of `b` (outer loop over `a`, as AWS orders them). */
function product(a: Group[], b: Group[]): Group[] {
  const out: Group[] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

/** DNF of one filter object; `null` when a part cannot be read. A factor with no alternatives is skipped. */
function dnf(obj: unknown, ignored: ReadonlySet<string>): Group[] | null {
  if (!isPlainObject(obj)) return null;
  let groups: Group[] = [[]];
  for (const [key, val] of Object.entries(obj)) {
    let alternatives: Group[];
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(val)) return null;
      const members: Group[][] = [];
      for (const m of val) {
        const d = dnf(m, ignored);
        if (d === null) return null;
        members.push(d);
      }
      alternatives = key === 'and' ? members.reduce<Group[]>((acc, d) => (d.length === 0 ? acc : product(acc, d)), [[]]) : members.flat();
    } else {
      if (ignored.has(key)) continue;
      if (!isPlainObject(val)) return null;
      alternatives = Object.entries(val).map(([operator, value]) => [{ fieldName: key, operator, value: jsonCopy(value) }]);
    }
    // INFERRED: an empty field (`{a:{}}`) adds no constraint rather than eliminating every group;
    // AWS's recorded outputs ({a:{}}, {and:[]}, {} → no group) agree with either reading.
    if (alternatives.length === 0) continue;
    groups = product(groups, alternatives);
  }
  return groups;
}

export function toSubscriptionFilter(
  obj: unknown,
  ignoredFields?: unknown,
  rules?: unknown,
): { filterGroup: { filters: FilterEntry[] }[] } | null {
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.filter((f): f is string => typeof f === 'string') : []);
  let groups = dnf(obj, ignored);
  if (groups === null) return null;
  if (isPlainObject(rules)) {
    // At least one rule must hold: each rule entry is an alternative appended to every group.
    const ruleAlternatives: Group[] = [];
    for (const [fieldName, ops] of Object.entries(rules)) {
      if (!isPlainObject(ops)) return null;
      for (const [operator, value] of Object.entries(ops)) ruleAlternatives.push([{ fieldName, operator, value: jsonCopy(value) }]);
    }
    if (ruleAlternatives.length > 0) groups = product(groups, ruleAlternatives);
  }
  return { filterGroup: groups.filter((g) => g.length > 0).map((filters) => ({ filters })) };
}
