import { describe, expect, it } from 'vitest';
import { localToEpochMs, offsetSecondsAt, parseZone } from '../../../../../local/runtime/util/time/zones.js';

const WINTER = Date.UTC(2018, 0, 15, 12);
const SUMMER = Date.UTC(2018, 6, 15, 12);

describe('zones', () => {
  it.each([
    ['UTC', WINTER, 0],
    ['Z', WINTER, 0],
    ['+08:00', WINTER, 8 * 3600],
    ['-07:00:30', WINTER, -(7 * 3600 + 30)],
    ['America/Los_Angeles', WINTER, -8 * 3600],
    ['America/Los_Angeles', SUMMER, -7 * 3600],
    ['Australia/Perth', SUMMER, 8 * 3600],
  ])('%s is %i s from UTC at %i', (id, at, offset) => {
    expect(offsetSecondsAt(parseZone(id), at)).toBe(offset);
  });

  it.each(['Mars/Olympus', '+25:00', 42, ''])('refuses the zone %j', (id) => {
    expect(() => parseZone(id)).toThrow();
  });

  it.each([
    ['+08:00', Date.UTC(2018, 0, 15, 20), Date.UTC(2018, 0, 15, 12)],
    ['America/Los_Angeles', Date.UTC(2018, 6, 15, 5), Date.UTC(2018, 6, 15, 12)],
  ])('local wall time in %s back to the instant', (id, local, instant) => {
    expect(localToEpochMs(local, parseZone(id))).toBe(instant);
  });
});
