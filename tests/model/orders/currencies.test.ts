import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, isCurrencyCode } from '../../../model/orders/currencies.js';

/** Codes newer than the ICU data of Node 20 (introduced 2022–2025). */
const NEWER_THAN_ICU = ['SLE', 'VED', 'XCG', 'ZWG'];

describe('ISO 4217 currencies', () => {
  it('holds three-letter uppercase codes, each once', () => {
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it('every code is one ICU knows as a currency (or is newer than its data)', () => {
    const icu = new Set(Intl.supportedValuesOf('currency'));
    expect(CURRENCY_CODES.filter((c) => !icu.has(c) && !NEWER_THAN_ICU.includes(c))).toEqual([]);
  });

  it.each([
    ['EUR', true],
    ['USD', true],
    ['JPY', true],
    ['CHF', true],
    ['XOF', true],
    ['eur', false],
    ['EURO', false],
    ['XTS', false],
    ['XXX', false],
    ['XAU', false],
    ['HRK', false],
    ['ZZZ', false],
    ['', false],
    [null, false],
  ])('%j → %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });
});
