import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  formatEpochMs,
  localToEpochMs,
  parseISO8601,
  parseToEpochMs,
  parseZone,
  toISO8601,
} from '../../../../local/runtime/util/time/index.js';

const T = Date.UTC(2018, 1, 6, 19, 1, 35, 749); // 2018-02-06T19:01:35.749Z, a Tuesday
const LA = parseZone('America/Los_Angeles');

describe('util.time formatter (Java DateTimeFormatter port)', () => {
  it.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', 'UTC', '2018-02-06 19:01:35.749'],
    ['yy M d H m s', 'UTC', '18 2 6 19 1 35'],
    ['EEEE, MMMM d', 'UTC', 'Tuesday, February 6'],
    ['EEE MMM', 'UTC', 'Tue Feb'],
    ['hh a', 'UTC', '07 PM'],
    ["'T'HH'h' ''x''", 'UTC', "T19h '+00'"], // '' is a quote, so x is the offset letter
    ['Z|XX|XXX|xxx', 'UTC', '+0000|Z|Z|+00:00'],
    ['Z|X|XX|XXX|XXXXX', '+05:30', '+0530|+0530|+0530|+05:30|+05:30'],
    ['X', '+08:00', '+08'],
    ['XXX|XXXXX|ZZZZZ', '-07:00:30', '-07:00|-07:00:30|-07:00:30'],
    ['yyyy-MM-dd[ HH:mm]', 'UTC', '2018-02-06 19:01'],
    ['HH:mm XXX', 'America/Los_Angeles', '11:01 -08:00'],
    ['ZZZZ|O', '+08:00', 'GMT+08:00|GMT+8'],
    ['VV', 'Australia/Perth', 'Australia/Perth'],
    ['z', '+08:00', '+08:00'],
    ['D', 'UTC', '37'],
  ])('%s in %s', (pattern, zone, expected) => {
    expect(formatEpochMs(T, pattern, parseZone(zone))).toBe(expected);
  });

  it('uses the summer offset of a region zone', () => {
    expect(formatEpochMs(Date.UTC(2018, 6, 1, 12), 'HH:mmXXX', LA)).toBe('05:00-07:00');
  });

  it('rejects unknown letters, reserved characters and unbalanced sections', () => {
    expect(() => compilePattern('yyyy-bb')).toThrow(/Unknown pattern letter: b/);
    expect(() => compilePattern('yyyy{')).toThrow(/reserved/);
    expect(() => compilePattern('yyyy]')).toThrow();
    expect(() => compilePattern('ddd')).toThrow(/Too many pattern letters/);
  });

  it('rejects unknown zones and malformed offsets', () => {
    expect(() => parseZone('Mars/Olympus')).toThrow(/Unknown time-zone ID/);
    expect(() => parseZone('+25:00')).toThrow();
    expect(parseZone('+8').id).toBe('+08:00');
    expect(parseZone('UTC+8').fixed).toBe(28_800);
  });
});

describe('util.time parser', () => {
  it('parses with the pattern offset winning over the zone argument', () => {
    expect(parseToEpochMs('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ', parseZone('Australia/Perth'))).toBe(1517505562000);
  });

  it('parses adjacent fixed-width numbers and text fields', () => {
    expect(parseToEpochMs('20180206190135', 'yyyyMMddHHmmss')).toBe(Date.UTC(2018, 1, 6, 19, 1, 35));
    expect(parseToEpochMs('Tue, 6 Feb 2018 07:01:35 PM', 'EEE, d MMM yyyy hh:mm:ss a')).toBe(Date.UTC(2018, 1, 6, 19, 1, 35));
    expect(parseToEpochMs('2018-02-06T19:01:35.749Z', "yyyy-MM-dd'T'HH:mm:ss.SSSX")).toBe(T);
  });

  it('applies optional sections only when present', () => {
    expect(parseToEpochMs('2018-02-06', 'yyyy-MM-dd[ HH:mm]')).toBe(Date.UTC(2018, 1, 6));
    expect(parseToEpochMs('2018-02-06 10:30', 'yyyy-MM-dd[ HH:mm]')).toBe(Date.UTC(2018, 1, 6, 10, 30));
  });

  it('fails on leftover text, bad text fields and impossible dates', () => {
    expect(() => parseToEpochMs('2018-02-06x', 'yyyy-MM-dd')).toThrow(/unparsed text found at index 10/);
    expect(() => parseToEpochMs('2018-Fev-06', 'yyyy-MMM-dd')).toThrow(/could not be parsed at index 5/);
    expect(() => parseToEpochMs('2018-02-30', 'yyyy-MM-dd')).toThrow(/Invalid date/);
  });

  it('resolves DST gaps forward and overlaps to the earlier offset, like ZonedDateTime', () => {
    expect(localToEpochMs(Date.UTC(2018, 2, 11, 2, 30), LA)).toBe(Date.UTC(2018, 2, 11, 10, 30));
    expect(localToEpochMs(Date.UTC(2018, 10, 4, 1, 30), LA)).toBe(Date.UTC(2018, 10, 4, 8, 30));
  });

  it('reads ISO 8601 with and without an offset', () => {
    expect(parseISO8601('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(parseISO8601('2018-02-01T09:21:05Z')).toBe(Date.UTC(2018, 1, 1, 9, 21, 5));
    expect(parseISO8601('2018-02-01T09:21:05.1-0130')).toBe(Date.UTC(2018, 1, 1, 10, 51, 5, 100));
    expect(() => parseISO8601('yesterday')).toThrow();
    expect(toISO8601(Date.UTC(2020, 0, 1))).toBe('2020-01-01T00:00:00.000Z');
  });
});
