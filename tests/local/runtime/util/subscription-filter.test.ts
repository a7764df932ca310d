/**
 * `util.transform.toSubscriptionFilter(obj, ignoredFields)`: ignored field names are dropped at
 * every level — top-level fields, `or` members, `and` members, nested groups — before the filter
 * is multiplied out into filter groups, as the AppSync developer guide's example ignores a field
 * that appears inside an `or` group.
 */
import { describe, expect, it } from 'vitest';
import { toSubscriptionFilter } from '../../../../local/runtime/util/subscription-filter.js';

const groups = (out: ReturnType<typeof toSubscriptionFilter>) =>
  out?.filterGroup.map((g) => g.filters.map((f) => `${f.fieldName} ${f.operator} ${JSON.stringify(f.value)}`).join(' & '));

describe('toSubscriptionFilter with ignored fields', () => {
  it.each([
    ['a top-level field', { a: { eq: 1 }, b: { eq: 2 } }, ['a'], ['b eq 2']],
    [
      'a field inside each or member',
      {
        or: [
          { a: { eq: 1 }, b: { eq: 2 } },
          { a: { eq: 3 }, c: { eq: 4 } },
        ],
      },
      ['a'],
      ['b eq 2', 'c eq 4'],
    ],
    [
      'a field beside an or',
      { owner: { eq: 'u1' }, or: [{ region: { eq: 'US' } }, { region: { eq: 'EU' } }] },
      ['owner'],
      ['region eq "US"', 'region eq "EU"'],
    ],
    [
      'a field inside an and inside an or',
      { or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
      ['a'],
      ['b eq 2', 'c eq 3'],
    ],
    ['every field of an or member (that member adds no group)', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, ['a'], ['b eq 2']],
    ['several names', { a: { eq: 1 }, or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }, ['a', 'c'], ['b eq 2']],
    ['nothing (a name that is not there)', { a: { eq: 1 } }, ['zzz'], ['a eq 1']],
    ['everything', { a: { eq: 1 } }, ['a'], []],
  ])('ignores %s', (_name, filter, ignored, expected) => {
    expect(groups(toSubscriptionFilter(filter, ignored))).toEqual(expected);
  });

  it.each([
    ['not an array', 'a'],
    ['non-string entries', [1, null]],
  ])('treats ignoredFields that is %s as no ignored field', (_name, ignored) => {
    expect(groups(toSubscriptionFilter({ a: { eq: 1 } }, ignored))).toEqual(['a eq 1']);
  });
});
