/** What a badge shows for the items it knows of, per warehouse or over every warehouse. */
import { describe, expect, it } from 'vitest';
import { shownStock } from '../../widget/src/status.js';
import type { ItemStock } from '../../widget/src/stock-hub.js';

const items = (...list: [string, number, string][]): Map<string, ItemStock> =>
  new Map(list.map(([warehouseId, available, status]) => [warehouseId, { warehouseId, available, status, sequence: 1 }]));

describe('shownStock', () => {
  it.each([
    ['no stock record at all', items(), null, { shown: 'out-of-stock', available: 0 }],
    ['one warehouse in stock', items(['north', 12, 'IN_STOCK']), 'north', { shown: 'in-stock', available: 12 }],
    ['one warehouse low', items(['north', 3, 'LOW_STOCK']), 'north', { shown: 'low-stock', available: 3 }],
    ['one warehouse out', items(['north', 0, 'OUT_OF_STOCK'], ['south', 9, 'IN_STOCK']), 'north', { shown: 'out-of-stock', available: 0 }],
    ['an unknown warehouse', items(['north', 9, 'IN_STOCK']), 'east', { shown: 'out-of-stock', available: 0 }],
    ['all: any in stock wins', items(['north', 0, 'OUT_OF_STOCK'], ['south', 25, 'IN_STOCK']), null, { shown: 'in-stock', available: 25 }],
    ['all: only low ones', items(['north', 2, 'LOW_STOCK'], ['south', 4, 'LOW_STOCK']), null, { shown: 'low-stock', available: 6 }],
    [
      'all: oversold counts as none',
      items(['north', -3, 'OUT_OF_STOCK'], ['south', 0, 'OUT_OF_STOCK']),
      null,
      { shown: 'out-of-stock', available: 0 },
    ],
  ] as const)('%s', (_name, known, warehouse, expected) => {
    expect(shownStock(known, warehouse)).toEqual(expected);
  });
});
