import { describe, expect, it } from 'vitest';
import { parseISO8601, toISO8601 } from '../../../../../local/runtime/util/time/iso8601.js';

describe('ISO 8601', () => {
  it.each([
    ['2018-02-06T19:01:35.749Z', Date.UTC(2018, 1, 6, 19, 1, 35, 749)],
    ['2018-02-06T19:01:35Z', Date.UTC(2018, 1, 6, 19, 1, 35)],
    ['2018-02-06T21:01:35+02:00', Date.UTC(2018, 1, 6, 19, 1, 35)],
    ['2018-02-06T21:01:35+0200', Date.UTC(2018, 1, 6, 19, 1, 35)],
    ['2018-02-06T21:01+02', Date.UTC(2018, 1, 6, 19, 1)],
    ['2018-02-06T19:01:35', Date.UTC(2018, 1, 6, 19, 1, 35)],
    ['2018-02-06', Date.UTC(2018, 1, 6)],
  ])('parses %s', (text, ms) => {
    expect(parseISO8601(text)).toBe(ms);
  });

  it.each(['2018-02-30T00:00:00Z', '2018-02-06T24:00:00Z', 'yesterday', '2018-2-6'])('refuses %s', (text) => {
    expect(() => parseISO8601(text)).toThrow(/could not be parsed/);
  });

  it.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [Date.UTC(2018, 1, 6, 19, 1, 35, 749), '2018-02-06T19:01:35.749Z'],
  ])('writes %i as %s, always with milliseconds', (ms, text) => {
    expect(toISO8601(ms)).toBe(text);
  });
});
