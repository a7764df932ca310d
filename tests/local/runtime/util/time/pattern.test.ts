import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../../../local/runtime/util/time/pattern.js';

describe('compilePattern', () => {
  it.each([
    ['yyyy', [{ kind: 'field', letter: 'y', count: 4 }]],
    [
      "HH'h'",
      [
        { kind: 'field', letter: 'H', count: 2 },
        { kind: 'lit', text: 'h' },
      ],
    ],
    ["''", [{ kind: 'lit', text: "'" }]],
    [
      'd[ HH]',
      [
        { kind: 'field', letter: 'd', count: 1 },
        {
          kind: 'opt',
          tokens: [
            { kind: 'lit', text: ' ' },
            { kind: 'field', letter: 'H', count: 2 },
          ],
        },
      ],
    ],
  ])('%s', (pattern, tokens) => {
    expect(compilePattern(pattern)).toEqual(tokens);
  });

  it.each([
    ['YYYY', /Unknown pattern letter|not supported/],
    ['yyyy{', /reserved/],
    ['yyyy]', /./],
    ['ddd', /Too many pattern letters/],
  ])('refuses %s', (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });
});
