/** The 1,024-byte cap, not the 50-item rule, decides how many items fit (docs/orders.md). */
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS } from '../../../model/orders/limits.js';
import { validateOrderInput } from '../../../model/orders/validation.js';

function mostItemsThatFit(productId: (i: number) => string, unitPrice: number, quantity: number, extra: Record<string, string>): number {
  let n = 0;
  const input = (count: number) => ({
    customerId: 'customer-0001',
    items: Array.from({ length: count }, (_, i) => ({ productId: productId(i), quantity, unitPrice })),
    currency: 'EUR',
    ...extra,
  });
  while (validateOrderInput(input(n + 1)).ok) n += 1;
  return n;
}

const UUID = '3f1c2b9e-7a4d-4c55-9a7e-0e2d6b8f1a23';

describe('items that fit into 1,024 bytes', () => {
  it.each([
    ['one-character product ids, price 0, quantity 1, no key', (_i: number) => 'p', 0, 1, {}, 21],
    [
      '8-character SKUs, 5-digit prices, quantity 10, a UUID key',
      (i: number) => `SKU-${String(i).padStart(4, '0')}`,
      99999,
      10,
      { idempotencyKey: UUID },
      15,
    ],
    [
      'the same from a reservation',
      (i: number) => `SKU-${String(i).padStart(4, '0')}`,
      99999,
      10,
      { idempotencyKey: UUID, reservationId: `res_${'x'.repeat(40)}` },
      14,
    ],
    [
      'UUID product ids, 5-digit prices, quantity 10, a UUID key',
      (i: number) => `${UUID.slice(0, 32)}${String(i).padStart(4, '0')}`,
      99999,
      10,
      { idempotencyKey: UUID },
      10,
    ],
  ])('%s: %#', (_name, productId, unitPrice, quantity, extra, expected) => {
    const fit = mostItemsThatFit(productId, unitPrice, quantity, extra);
    expect(fit).toBe(expected);
    expect(fit).toBeLessThan(MAX_ITEMS);
  });
});
