import { describe, expect, it } from 'vitest';
import { isToken, utf8ByteLength } from '../../../model/orders/text.js';

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['日本', 6],
    ['😀', 4],
    ['a😀b', 6],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\uffff', 3],
    ['\ud800', 3],
    ['x\udc00', 4],
    ['\ud83d\ud83d\ude00', 7],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('agrees with Node on random strings across the planes', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 300; n++) {
      const cps = Array.from(
        { length: next() % 20 },
        () => [0x41, 0xe9, 0x20ac, 0x1f600, 0x7ff, 0x800, 0x10ffff][next() % 7]! + (next() % 3),
      );
      const text = String.fromCodePoint(...cps.map((c) => Math.min(c, 0x10ffff)));
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});

describe('isToken', () => {
  it.each([
    ['a', 1, 64, '_-', true],
    ['_a', 1, 64, '_-', false],
    ['a_b-c', 1, 64, '_-', true],
    ['a b', 1, 64, '_-', false],
    ['ab', 3, 64, '_-', false],
    ['a'.repeat(64), 3, 64, '_-', true],
    ['a'.repeat(65), 3, 64, '_-', false],
    [42, 1, 64, '', false],
  ])('isToken(%j, %i, %i, %j) is %s', (value, min, max, extra, expected) => {
    expect(isToken(value, min, max, extra)).toBe(expected);
  });
});
