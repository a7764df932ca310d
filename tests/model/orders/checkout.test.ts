import { describe, expect, it } from 'vitest';
import { committedLines, matchReservation } from '../../../model/orders/checkout.js';
import { MAX_CHECKOUT_STOCK_LINES } from '../../../model/orders/limits.js';

const item = (productId: string, quantity: number, unitPrice = 10) => ({ productId, quantity, unitPrice, lineTotal: quantity * unitPrice });

describe('matchReservation', () => {
  it("splits items into the reservation's warehouse lines, keeping prices and totals", () => {
    const r = matchReservation(
      [item('a', 3, 5), item('b', 1, 7)],
      [
        { productId: 'a', warehouseId: 'east', quantity: 2 },
        { productId: 'b', warehouseId: 'west', quantity: 1 },
        { productId: 'a', warehouseId: 'west', quantity: 1 },
      ],
    );
    expect(r).toEqual({
      ok: true,
      items: [
        { productId: 'a', warehouseId: 'east', quantity: 2, unitPrice: 5, lineTotal: 10 },
        { productId: 'a', warehouseId: 'west', quantity: 1, unitPrice: 5, lineTotal: 5 },
        { productId: 'b', warehouseId: 'west', quantity: 1, unitPrice: 7, lineTotal: 7 },
      ],
    });
  });

  it('compares per-product totals: two items of one product against one line', () => {
    const r = matchReservation([item('a', 1, 5), item('a', 2, 6)], [{ productId: 'a', warehouseId: 'east', quantity: 3 }]);
    expect(r.ok && r.items).toEqual([
      { productId: 'a', warehouseId: 'east', quantity: 1, unitPrice: 5, lineTotal: 5 },
      { productId: 'a', warehouseId: 'east', quantity: 2, unitPrice: 6, lineTotal: 12 },
    ]);
  });

  it.each([
    ['fewer units than held', [item('a', 1)], [{ productId: 'a', warehouseId: 'e', quantity: 2 }], ['items[0].quantity']],
    ['more units than held', [item('a', 1), item('a', 2)], [{ productId: 'a', warehouseId: 'e', quantity: 2 }], ['items[0].quantity']],
    [
      'a product the reservation does not hold',
      [item('a', 1), item('b', 1)],
      [{ productId: 'a', warehouseId: 'e', quantity: 1 }],
      ['items[1].quantity'],
    ],
    [
      'a held product the items leave out',
      [item('a', 1)],
      [
        { productId: 'a', warehouseId: 'e', quantity: 1 },
        { productId: 'c', warehouseId: 'e', quantity: 1 },
      ],
      ['items'],
    ],
  ])('refuses %s', (_name, items, lines, fields) => {
    const r = matchReservation(items, lines);
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual(fields);
  });

  it(`refuses a reservation of more than ${MAX_CHECKOUT_STOCK_LINES} lines (100 transaction actions)`, () => {
    const lines = Array.from({ length: MAX_CHECKOUT_STOCK_LINES + 1 }, (_, i) => ({ productId: 'a', warehouseId: `w${i}`, quantity: 1 }));
    const r = matchReservation([item('a', 98)], lines);
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual(['reservationId']);
    expect(matchReservation([item('a', 97)], lines.slice(1)).ok).toBe(true);
  });
});

describe('committedLines', () => {
  it('sums items of one product and warehouse and skips items without a warehouse', () => {
    expect(
      committedLines([
        { productId: 'a', warehouseId: 'e', quantity: 1, unitPrice: 1, lineTotal: 1 },
        { productId: 'a', warehouseId: 'e', quantity: 2, unitPrice: 2, lineTotal: 4 },
        { productId: 'a', warehouseId: 'w', quantity: 1, unitPrice: 1, lineTotal: 1 },
        { productId: 'b', warehouseId: null, quantity: 1, unitPrice: 1, lineTotal: 1 },
      ]),
    ).toEqual([
      { productId: 'a', warehouseId: 'e', quantity: 3 },
      { productId: 'a', warehouseId: 'w', quantity: 1 },
    ]);
  });
});
