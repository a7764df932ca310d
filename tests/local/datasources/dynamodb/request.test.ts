import { describe, expect, it } from 'vitest';
import { Failure } from '../../../../local/datasources/dynamodb/errors.js';
import { bool, ExpressionParams, int, keyOf, projectionOf, readCondition } from '../../../../local/datasources/dynamodb/request.js';

const failureOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof Failure ? error.error : error;
  }
  return undefined;
};

describe('ExpressionParams', () => {
  it('collects names and values across expressions into the SDK fields, leaving empty maps out', () => {
    const params = new ExpressionParams();
    expect(params.add({ expression: '#a = :a', expressionNames: { '#a': 'a' }, expressionValues: { ':a': { N: '1' } } }, 'condition')).toBe(
      '#a = :a',
    );
    expect(params.add({ expression: '#a > :b', expressionNames: { '#a': 'a' }, expressionValues: { ':b': { S: 'x' } } }, 'filter')).toBe(
      '#a > :b',
    );
    expect(params.sdk).toEqual({
      ExpressionAttributeNames: { '#a': 'a' },
      ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { S: 'x' } },
    });
    expect(new ExpressionParams().sdk).toEqual({});
  });

  it.each([
    [{ expression: '' }, 'update.expression is required'],
    [{ expression: 'x', expressionNames: [] }, 'update.expressionNames must be an object'],
    [{ expression: 'x', expressionNames: { '#a': 1 } }, 'update.expressionNames.#a must be a string'],
    ['SET a = 1', 'update must be an object'],
  ])('refuses %j: %s', (input, message) => {
    expect(failureOf(() => new ExpressionParams().add(input as never, 'update'))).toEqual({ type: 'MappingTemplate', message });
  });

  it.each([
    [{ expression: 'a', expressionNames: { '#a': 'b' } }, 'Expression name #a is defined twice with different values'],
    [{ expression: 'a', expressionValues: { ':a': { N: '2' } } }, 'Expression value :a is defined twice with different values'],
  ])('refuses a second definition that differs: %j', (second, message) => {
    const params = new ExpressionParams();
    params.add({ expression: 'a', expressionNames: { '#a': 'a' }, expressionValues: { ':a': { N: '1' } } }, 'condition');
    expect(failureOf(() => params.add(second, 'filter'))).toEqual({ type: 'MappingTemplate', message });
  });
});

describe('request fields', () => {
  it.each([
    ['an object', { expression: 'a = :a' }, { expression: 'a = :a' }],
    ['the JSON text of one', '{"expression":"a = :a"}', { expression: 'a = :a' }],
    ['nothing', undefined, undefined],
    ['null', null, undefined],
  ])('readCondition takes %s', (_name, raw, expected) => {
    expect(readCondition(raw, 'condition')).toEqual(expected);
  });

  it.each([
    ['not JSON text', 'a = :a', 'condition must be an object (or the JSON text of one)'],
    ['a list', [1], 'condition must be an object'],
  ])('readCondition refuses %s', (_name, raw, message) => {
    expect(failureOf(() => readCondition(raw, 'condition'))).toEqual({ type: 'MappingTemplate', message });
  });

  it.each([
    [() => keyOf({}, 'key'), 'key is required'],
    [() => keyOf(null, 'key'), 'key is required'],
    [() => bool('yes', false, 'consistentRead'), 'consistentRead must be a boolean'],
    [() => int(1.5, 'limit'), 'limit must be an integer'],
    [() => int('10', 'limit'), 'limit must be an integer'],
  ])('%s fails with "%s"', (run, message) => {
    expect(failureOf(run)).toEqual({ type: 'MappingTemplate', message });
  });

  it.each([
    [bool(undefined, true, 'x'), true],
    [bool(null, undefined, 'x'), undefined],
    [bool(false, true, 'x'), false],
    [int(undefined, 'x'), undefined],
    [int(25, 'x'), 25],
    [keyOf({ pk: { S: 'a' }, sk: { N: '1' } }, 'key'), { pk: { S: 'a' }, sk: { N: '1' } }],
  ])('reads %j', (value, expected) => {
    expect(value).toEqual(expected);
  });

  it('projectionOf gives a ProjectionExpression and adds its names', () => {
    const params = new ExpressionParams();
    expect(projectionOf({ expression: '#n, b', expressionNames: { '#n': 'name' } }, params, 'projection')).toEqual({
      ProjectionExpression: '#n, b',
    });
    expect(params.sdk).toEqual({ ExpressionAttributeNames: { '#n': 'name' } });
    expect(projectionOf(undefined, params, 'projection')).toEqual({});
  });
});
