/** Enhanced filter evaluation, AppSync's filter limits, and argument matching. */
import { describe, expect, it } from 'vitest';
import { filterProblem, matchesArguments, matchesEnhanced, matchesFilter } from '../../../../local/server/realtime/filters.js';

const event = {
  productId: 'p1',
  available: 4,
  status: 'LOW_STOCK',
  tags: ['a', 'b'],
  location: { address: { country: 'FR' } },
  lines: [{ productId: 'x' }],
};

describe('operators', () => {
  it.each([
    ['eq', 'available', 4, true],
    ['eq', 'available', '4', false],
    ['ne', 'status', 'IN_STOCK', true],
    ['lt', 'available', 5, true],
    ['le', 'available', 4, true],
    ['gt', 'available', 4, false],
    ['ge', 'available', 4, true],
    ['gt', 'status', 3, false],
    ['contains', 'status', 'STOCK', true],
    ['contains', 'tags', 'b', true],
    ['notContains', 'tags', 'c', true],
    ['beginsWith', 'status', 'LOW', true],
    ['beginsWith', 'status', 'low', false],
    ['in', 'productId', ['p0', 'p1'], true],
    ['in', 'productId', ['p0'], false],
    ['notIn', 'productId', ['p0'], true],
    ['between', 'available', [4, 6], true],
    ['between', 'available', [1, 3], false],
    ['containsAny', 'tags', ['z', 'a'], true],
    ['containsAny', 'tags', ['z'], false],
    ['eq', 'location.address.country', 'FR', true],
    ['eq', 'lines.productId', 'x', false],
    ['eq', 'missing', null, false],
    ['EQ', 'available', 4, false],
  ])('%s on %s with %j → %s', (operator, fieldName, value, expected) => {
    expect(matchesFilter({ fieldName, operator, value }, event)).toBe(expected);
  });
});

describe('groups', () => {
  const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });
  it.each([
    ['filters in a group are ANDed', [[f('productId', 'eq', 'p1'), f('available', 'gt', 10)]], false],
    ['groups are ORed', [[f('productId', 'eq', 'p9')], [f('available', 'lt', 10)]], true],
    ['no group lets everything through', [], true],
  ])('%s', (_name, groups, expected) => {
    expect(matchesEnhanced({ filterGroup: groups.map((filters) => ({ filters })) }, event)).toBe(expected);
  });
});

describe("AppSync's filter limits", () => {
  const inFilter = (n: number) => ({ fieldName: 'productId', operator: 'in', value: Array.from({ length: n }, (_, i) => `p${i}`) });
  it.each([
    ['two groups of 5 in-values (10 OR alternatives)', [[inFilter(5)], [inFilter(5)]], undefined],
    ['6 values in one in', [[inFilter(6)]], 'Filter operator `in` exceeds maximum value limit of 5.'],
    ['11 OR alternatives', [[inFilter(5)], [inFilter(5)], [{ fieldName: 'a', operator: 'eq', value: 1 }]], 'this one has 11'],
    [
      '6 unique field names in a group',
      [['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ fieldName: n, operator: 'eq', value: 1 }))],
      'at most 5 unique fieldNames',
    ],
    [
      '21 containsAny values',
      [[{ fieldName: 'tags', operator: 'containsAny', value: Array.from({ length: 21 }, (_, i) => i) }]],
      'maximum value limit of 20',
    ],
    ['a 257-character string', [[{ fieldName: 'a', operator: 'eq', value: 'x'.repeat(257) }]], 'limited to 256 characters'],
    ['6 levels of nesting', [[{ fieldName: 'a.b.c.d.e.f', operator: 'eq', value: 1 }]], 'nested more than 5 levels'],
    ['an unknown operator', [[{ fieldName: 'a', operator: 'gte', value: 1 }]], 'Unsupported filter operator "gte".'],
  ])('%s', (_name, groups, problem) => {
    const found = filterProblem({ filterGroup: groups.map((filters) => ({ filters })) });
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('argument matching', () => {
  it.each([
    ['every given argument equal', { productId: 'p1', available: 4 }, true],
    ['one argument different', { productId: 'p1', available: 5 }, false],
    ['no argument', {}, true],
    ['explicit null against a present field', { status: null }, false],
    ['explicit null against a missing field', { warehouseId: null }, true],
  ])('%s → %s', (_name, args, expected) => {
    expect(matchesArguments(args, event)).toBe(expected);
  });
});
