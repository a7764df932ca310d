import { describe, expect, it } from 'vitest';
import { RequestShapeError, fromAttributeValue, itemsEqual, toAttributeValue } from '../../../local/datasources/dynamodb-values.js';

describe('DynamoDB typed values', () => {
  it.each([
    [{ N: 12 }, { N: '12' }],
    [{ N: '1.50' }, { N: '1.50' }],
    [{ NS: [1, '2'] }, { NS: ['1', '2'] }],
    [{ NULL: null }, { NULL: true }],
    [{ L: [{ N: 1 }, { M: { a: { BOOL: false } } }] }, { L: [{ N: '1' }, { M: { a: { BOOL: false } } }] }],
  ])('request %j → SDK %j', (input, expected) => {
    expect(toAttributeValue(input)).toEqual(expected);
  });

  it('decodes B ignoring characters outside the base64 alphabet', () => {
    expect(Buffer.from(toAttributeValue({ B: 'aGVs\r\nbG8=' }).B!).toString()).toBe('hello');
  });

  it.each([[{ S: 'a', N: 1 }], [{}], [{ X: 1 }], [{ N: true }], [{ S: 1 }], ['plain']])('rejects %j', (bad) => {
    expect(() => toAttributeValue(bad)).toThrow(RequestShapeError);
  });

  it('converts results to plain JSON (sets → arrays, N → number, B → base64)', () => {
    expect(fromAttributeValue({ M: { s: { SS: ['a'] }, n: { NS: ['1.5'] }, b: { B: Buffer.from('hi') }, x: { NULL: true } } })).toEqual({
      s: ['a'],
      n: [1.5],
      b: 'aGk=',
      x: null,
    });
  });

  it('compares items ignoring set order, number spelling and ignored attributes', () => {
    expect(itemsEqual({ a: { SS: ['x', 'y'] }, n: { N: '1.0' } }, { a: { SS: ['y', 'x'] }, n: { N: '1' } })).toBe(true);
    expect(itemsEqual({ a: { S: 'x' }, t: { S: '1' } }, { a: { S: 'x' }, t: { S: '2' } }, ['t'])).toBe(true);
    expect(itemsEqual({ a: { S: 'x' } }, { a: { S: 'x' }, extra: { S: '' } })).toBe(false);
    expect(itemsEqual({ a: { N: '1' } }, { a: { S: '1' } })).toBe(false);
  });
});
