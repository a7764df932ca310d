import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, dueBy, parseProfile, percentile, totalSeconds } from '../../../bench/load/profile.js';

describe('load profile', () => {
  it('parses rate@seconds phases; the default is a 5,000/s burst between calm periods', () => {
    expect(parseProfile(DEFAULT_PROFILE)).toEqual([
      { rate: 500, seconds: 10 },
      { rate: 5000, seconds: 10 },
      { rate: 500, seconds: 10 },
    ]);
    expect(totalSeconds(parseProfile(DEFAULT_PROFILE))).toBe(30);
  });

  it.each(['', '500', '500@', 'x@1', '0@5', '5@0'])('refuses %j', (text) => {
    expect(() => parseProfile(text)).toThrow();
  });

  it.each([
    [0, 0],
    [1, 500],
    [10, 5000],
    [10.5, 7500],
    [20, 55000],
    [30, 60000],
    [99, 60000],
  ])('%s s in, %i requests are due', (elapsed, due) => {
    expect(dueBy(parseProfile(DEFAULT_PROFILE), elapsed)).toBe(due);
  });

  it('percentiles index the sorted latencies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile([], 50)]).toEqual([51, 96, 100, 0]);
  });
});
