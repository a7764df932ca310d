/** The inventory table's name search: which product names a typed prefix keeps on the server's page. */
import { describe, expect, it } from 'vitest';
import { nameMatches } from '../../../../admin-ui/src/screens/inventory/inventory-source.js';

describe('nameMatches', () => {
  it('keeps a name with a word starting with one typed word, whatever the case and accents', () => {
    expect(nameMatches('Café Crème 500 g', 'CREME')).toBe(true);
    expect(nameMatches('Rooibos Crème Brûlée Tea', 'brul')).toBe(true);
    expect(nameMatches('Espresso Beans 1 kg', 'bean')).toBe(true);
    expect(nameMatches('Espresso Beans 1 kg', 'eans')).toBe(false);
  });

  it('with several words, needs them in a row, the last one as a prefix', () => {
    expect(nameMatches('Espresso Beans 1 kg', 'espresso be')).toBe(true);
    expect(nameMatches('Espresso Cup Set (4)', 'espresso be')).toBe(false);
    expect(nameMatches('Espresso Beans 1 kg', 'beans espresso')).toBe(false);
    expect(nameMatches('Espresso Beans 1 kg', 'esp beans')).toBe(false);
    expect(nameMatches('Moka Pot 6 Cup', 'pot 6 c')).toBe(true);
  });

  it('keeps every name when nothing searchable was typed', () => {
    expect(nameMatches('Milk Frother', '  ')).toBe(true);
    expect(nameMatches('Milk Frother', '--')).toBe(true);
  });
});
