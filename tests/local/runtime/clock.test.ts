import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../build/bundle.js';
import { runtimeNow, testClock } from '../../../local/runtime/clock.js';
import { createAppSyncModules } from '../../../local/runtime/util/index.js';

type TimeUtils = { nowEpochMilliSeconds(): number; nowEpochSeconds(): number; nowISO8601(): string };

describe('runtime clock', () => {
  afterEach(() => testClock.reset());

  it('is the real time until a test shifts it', () => {
    expect(testClock.offsetMs()).toBe(0);
    expect(Math.abs(runtimeNow() - Date.now())).toBeLessThan(1000);
  });

  it('a shift moves what resolver code reads through util.time, and reset undoes it', () => {
    const time = createAppSyncModules().util['time'] as TimeUtils;
    testClock.shift(15_000);
    testClock.shift(1_000);
    expect(testClock.offsetMs()).toBe(16_000);
    const shifted = time.nowEpochMilliSeconds() - Date.now();
    expect(shifted).toBeGreaterThanOrEqual(15_000);
    expect(shifted).toBeLessThan(17_000);
    expect(Date.parse(time.nowISO8601()) - Date.now()).toBeGreaterThanOrEqual(15_000);
    testClock.reset();
    expect(Math.abs(time.nowEpochMilliSeconds() - Date.now())).toBeLessThan(1000);
  });

  it('refuses a shift that is not a number of milliseconds', () => {
    expect(() => testClock.shift(Number.NaN)).toThrow(/milliseconds/);
  });
});

describe('runtime clock in npm start', () => {
  it('nothing outside tests can shift it: no source file but the clock itself names testClock', () => {
    const sources = (readdirSync(join(PROJECT_ROOT, 'local'), { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('clock.ts'),
    );
    const shifting = sources.filter((f) => readFileSync(join(PROJECT_ROOT, 'local', f), 'utf8').includes('testClock'));
    expect(sources.length).toBeGreaterThan(10);
    expect(shifting).toEqual([]);
  });
});
