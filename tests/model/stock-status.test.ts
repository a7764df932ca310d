import { describe, expect, it } from 'vitest';
import { stockStatus } from '../../model/stock-status.js';

describe('model/stock-status', () => {
  it.each([
    [0, 5, 'OUT_OF_STOCK'],
    [-1, 0, 'OUT_OF_STOCK'],
    [5, 5, 'LOW_STOCK'],
    [1, 5, 'LOW_STOCK'],
    [6, 5, 'IN_STOCK'],
    [1, 0, 'IN_STOCK'],
  ])('available %i with threshold %i is %s', (available, threshold, expected) => {
    expect(stockStatus(available, threshold)).toBe(expected);
  });
});
