import { describe, expect, it } from 'vitest';
import { toSubscriptionFilter } from '../../../../local/runtime/util/subscription-filter.js';
import { toDynamoDBExpression, toDynamoDBExpressionString, toElasticsearchQueryDSL } from '../../../../local/runtime/util/transform.js';

describe('DynamoDB filter/condition transform', () => {
  it('serialises in the key order AWS uses', () => {
    expect(toDynamoDBExpressionString({ id: { attributeExists: true }, version: { eq: 10 } })).toBe(
      '{"expression":"(attribute_exists(#id)) AND (#version = :version_eq)","expressionNames":{"#id":"id","#version":"version"},"expressionValues":{":version_eq":{"N":10}}}',
    );
  });

  it('mixes operators, size and groups with full value-name prefixes', () => {
    expect(
      toDynamoDBExpression({ or: [{ and: [{ a: { eq: 1 } }, { b: { size: { ge: 2 } } }] }, { not: { c: { in: [1, 'x'] } } }] }),
    ).toEqual({
      expression:
        '(((#a = :or_0_and_0_a_eq) AND (size(#b) >= :or_0_and_1_b_size_ge)) OR (NOT (#c IN (:or_1_not_c_in_0, :or_1_not_c_in_1))))',
      expressionNames: { '#a': 'a', '#b': 'b', '#c': 'c' },
      expressionValues: {
        ':or_0_and_0_a_eq': { N: 1 },
        ':or_0_and_1_b_size_ge': { N: 2 },
        ':or_1_not_c_in_0': { N: 1 },
        ':or_1_not_c_in_1': { S: 'x' },
      },
    });
  });

  it('answers null for anything it cannot render, however deep', () => {
    expect(toDynamoDBExpressionString(undefined)).toBeNull();
    expect(toDynamoDBExpressionString({ and: [{ or: [{ a: { eq: 1 } }, { b: { between: [1] } }] }] })).toBeNull();
    expect(toDynamoDBExpressionString({ a: null })).toBeNull();
  });
});

describe('OpenSearch query DSL', () => {
  it('maps operators and boolean groups', () => {
    expect(
      JSON.parse(
        toElasticsearchQueryDSL({ or: [{ a: { gte: 1 } }, { b: { exists: false } }], not: { c: { matchPhrase: 'x y' } } }) as string,
      ),
    ).toEqual({
      bool: {
        must: [
          { bool: { should: [{ range: { a: { gte: 1 } } }, { bool: { must_not: { exists: { field: 'b' } } } }] } },
          { bool: { must_not: { match_phrase: { c: 'x y' } } } },
        ],
      },
    });
    expect(toElasticsearchQueryDSL({ a: { nope: 1 } })).toBeNull();
  });
});

describe('toSubscriptionFilter', () => {
  it('multiplies an or by a multi-operator field, field keys first', () => {
    const out = toSubscriptionFilter({ a: { eq: 1, ne: 2 }, or: [{ b: { eq: 3 } }, { c: { eq: 4 } }] });
    expect(out?.filterGroup.map((g) => g.filters.map((f) => `${f.fieldName}${f.operator}${String(f.value)}`).join('&'))).toEqual([
      'aeq1&beq3',
      'aeq1&ceq4',
      'ane2&beq3',
      'ane2&ceq4',
    ]);
  });

  it('drops ignored fields inside or groups too', () => {
    expect(toSubscriptionFilter({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, ['a'])).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'b', operator: 'eq', value: 2 }] }],
    });
  });

  it('copies values so later mutation of the input does not leak into the filter', () => {
    const list = [1, 2];
    const out = toSubscriptionFilter({ a: { in: list } });
    list.push(3);
    expect(out?.filterGroup[0]?.filters[0]?.value).toEqual([1, 2]);
  });
});
