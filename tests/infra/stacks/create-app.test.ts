import { describe, expect, it } from 'vitest';
import { flagFromContext } from '../../../infra/stacks/create-app.js';

describe('infra/stacks/create-app: boolean -c flags', () => {
  it.each([
    [undefined, false],
    [false, false],
    ['false', false],
    [true, true],
    ['true', true],
  ])('reads %j as %s', (value, expected) => {
    expect(flagFromContext('reserveConcurrency', value)).toBe(expected);
  });

  it.each([['yes'], ['1'], [1]])('refuses %j instead of guessing', (value) => {
    expect(() => flagFromContext('reserveConcurrency', value)).toThrow(/-c reserveConcurrency=.*use true or false/);
  });
});
