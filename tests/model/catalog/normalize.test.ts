import { describe, expect, it } from 'vitest';
import { distinctWords, foldText, nameSortKey, wordsOf } from '../../../model/catalog/normalize.js';
import { popularitySortKey, searchTokenIndexKeys } from '../../../model/catalog/keys.js';
import { productInputViolations } from '../../../model/catalog/records.js';

describe('catalog name normalisation', () => {
  it.each([
    ['Café Crème', ['cafe', 'creme']],
    ['CAFÉ crème', ['cafe', 'creme']],
    ['Crème brûlée — 2×', ['creme', 'brulee', '2×']],
    ['Smørrebrød & Œufs', ['smorrebrod', 'oeufs']],
    ['Straße/Łódź', ['strasse', 'lodz']],
    ['  pour-over   kettle  ', ['pour', 'over', 'kettle']],
    ['oat_milk#1l', ['oat', 'milk', '1l']],
    ['Чай зелёный', ['чай', 'зелёный']],
    ['!!!', []],
  ])('%j → %j', (name, words) => {
    expect(wordsOf(name)).toEqual(words);
  });

  it('keeps each word once, in first-seen order', () => {
    expect(distinctWords('Cafe café CAFÉ crème Cafe')).toEqual(['cafe', 'creme']);
  });

  it('sorts names case- and accent-insensitively', () => {
    expect(nameSortKey('Éclair  Au Café')).toBe('eclair au cafe');
    expect(foldText('ÀÉÎÕÜ')).toBe('aeiou');
  });
});

describe('catalog keys', () => {
  it('pads popularity to 12 digits so string order is number order', () => {
    expect(popularitySortKey(0, 'p')).toBe('000000000000#p');
    expect(popularitySortKey(42, 'p') > popularitySortKey(9, 'p')).toBe(true);
  });

  it('indexes a search token by its first letter, with and without the category', () => {
    expect(searchTokenIndexKeys('p1', 'coffee', 'cafe')).toEqual({
      gsi10pk: 'SEARCH#coffee#c',
      gsi10sk: 'cafe#p1',
      gsi11pk: 'SEARCH#c',
      gsi11sk: 'cafe#p1',
    });
  });
});

describe('productInputViolations', () => {
  const valid = { id: 'p-1', name: 'Café Crème', price: 0, currency: 'EUR', category: 'coffee' };
  it.each([
    [{}, []],
    [{ id: 'bad id' }, ['id']],
    [{ name: '   ' }, ['name']],
    [{ name: '&&&' }, ['name']],
    [{ name: Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ') }, ['name']],
    [{ price: -1 }, ['price']],
    [{ price: 1.5 }, ['price']],
    [{ currency: 'EURO' }, ['currency']],
    [{ category: 'two words' }, ['category']],
    [{ description: 'x'.repeat(2001) }, ['description']],
  ])('%j → violations on %j', (over, fields) => {
    expect(productInputViolations({ ...valid, ...over }).map((v) => v.field)).toEqual(fields);
  });
});
