import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../build/schema.js';
import { operationSizeRule } from '../../../local/server/operation-size.js';

const schema = loadSchema();
const errorsOf = (query: string, limits = { maxFields: 50, maxIntrospectionFields: 2 }) =>
  validate(schema, parse(query), [...specifiedRules, operationSizeRule(limits)]).map((e) => e.message);

describe('local/server/operation-size', () => {
  it('accepts an ordinary query and one introspection query', () => {
    expect(errorsOf('{ stockLevel(productId: "p", warehouseId: "w") { onHand available status } }')).toEqual([]);
    expect(errorsOf('{ __schema { queryType { name } } __type(name: "Query") { name } }')).toEqual([]);
  });

  it('counts fields through fragments, so aliasing a fragment does not escape the limit', () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: stockLevel(productId: "p", warehouseId: "w") { ...F }`).join(' ');
    expect(errorsOf(`{ ${aliases} } fragment F on InventoryItem { onHand reserved available }`)).toEqual([
      'The operation selects more than 50 fields.',
    ]);
  });

  it('limits introspection roots, however they are aliased', () => {
    const aliases = Array.from({ length: 3 }, (_, i) => `s${i}: __schema { ...S }`).join(' ');
    expect(errorsOf(`{ ${aliases} } fragment S on __Schema { types { name } }`)).toEqual([
      'The operation asks for introspection more than 2 times.',
    ]);
  });

  // 2^30 expansions: without memoisation this test would not finish within the test timeout.
  it('counts nested fragments that would expand exponentially without expanding them', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment L${i} on InventoryItem { ...L${i + 1} ...L${i + 1} }`).join('\n');
    const query = `{ stockLevel(productId: "p", warehouseId: "w") { ...L0 } }\n${levels}\nfragment L30 on InventoryItem { onHand }`;
    expect(errorsOf(query, { maxFields: 10_000, maxIntrospectionFields: 2 })).toContain('The operation selects more than 10000 fields.');
  });
});
