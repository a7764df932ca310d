import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalisePhone } from '../../../../functions/customer-ingest/csv/validate-row.js';

/**
 * patches/libphonenumber-js+*.patch (applied by `postinstall`) makes the library compile each of
 * its metadata patterns once (unpatched, it builds `new RegExp('^(?:' + pattern + ')$')` on every
 * check, which was two thirds of the ingest's validation time), and copy its option objects with
 * `Object.assign` instead of Babel's property-by-property spread helper (a quarter of each
 * number's cost). These fail if the patch is lost (say, after a version bump that patch-package
 * could not apply).
 */
const NativeRegExp = globalThis.RegExp;

afterEach(() => {
  globalThis.RegExp = NativeRegExp;
});

/** Counts the whole-string patterns that `matchesEntirely` builds (the patched helper). */
function anchoredRegExpsBuiltBy(work: () => void): number {
  let built = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args: [string | RegExp, string?]) {
      if (typeof args[0] === 'string' && args[0].startsWith('^(?:') && args[0].endsWith(')$')) built += 1;
      return new target(...args);
    },
  });
  try {
    work();
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  return built;
}

describe('libphonenumber-js, as patched', () => {
  it('compiles a pattern once, then reuses it for every number', () => {
    expect(normalisePhone('+44 20 7946 0001')).toBe('+442079460001');
    const again = anchoredRegExpsBuiltBy(() => {
      for (const n of ['+44 20 7946 0002', '+44 20 7946 0003', '+44 20 7946 0004']) expect(normalisePhone(n)).toBe(n.replaceAll(' ', ''));
    });
    expect(again).toBe(0);
  });

  it('copies its options with Object.assign', () => {
    const assign = vi.spyOn(Object, 'assign');
    try {
      expect(normalisePhone('+44 20 7946 0005')).toBe('+442079460005');
      expect(assign).toHaveBeenCalled();
    } finally {
      assign.mockRestore();
    }
  });

  it('gives the same answers as before the patch', () => {
    expect(normalisePhone('+1 415 555 2671')).toBe('+14155552671');
    expect(normalisePhone('(415) 555-2671', { defaultCountry: 'US' })).toBe('+14155552671');
    expect(normalisePhone('+44 20 7946 000')).toBeUndefined();
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678');
  });
});
