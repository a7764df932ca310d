import { describe, expect, it } from 'vitest';
import { projectedNames } from '../../../../local/datasources/dynamodb/batch.js';

describe('projectedNames: the top-level attributes a projection returns', () => {
  it.each([
    ['a, b', {}, ['a', 'b']],
    ['#n, tags[0], address.city', { '#n': 'name' }, ['name', 'tags', 'address']],
    ['#missing', {}, ['#missing']],
  ])('%s', (expression, names, expected) => {
    expect([...projectedNames(expression, names)]).toEqual(expected);
  });
});
