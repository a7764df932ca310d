import { describe, expect, it } from 'vitest';
import { canonicalPayload } from '../../../model/orders/fingerprint.js';
import { validateOrderInput, type OrderInputLike } from '../../../model/orders/validation.js';

const canonical = (input: OrderInputLike) => {
  const r = validateOrderInput(input);
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  return canonicalPayload(r.value);
};

describe('canonicalPayload', () => {
  const base = {
    customerId: 'c-1',
    currency: 'EUR',
    items: [
      { productId: 'a', quantity: 1, unitPrice: 5 },
      { productId: 'b', quantity: 2, unitPrice: 3 },
    ],
  };

  it('ignores key order, item order and the idempotency key', () => {
    const same = {
      items: [
        { unitPrice: 3, quantity: 2, productId: 'b' },
        { productId: 'a', unitPrice: 5, quantity: 1 },
      ],
      currency: 'EUR',
      customerId: 'c-1',
      idempotencyKey: 'k',
    };
    expect(canonical(same)).toBe(canonical(base));
  });

  it.each<[string, OrderInputLike]>([
    ['another customer', { ...base, customerId: 'c-2' }],
    ['another currency', { ...base, currency: 'USD' }],
    ['another quantity', { ...base, items: [{ productId: 'a', quantity: 2, unitPrice: 5 }, base.items[1]!] }],
    ['another price', { ...base, items: [{ productId: 'a', quantity: 1, unitPrice: 6 }, base.items[1]!] }],
    ['a reservation', { ...base, reservationId: 'res_abcd' }],
    ['an item fewer', { ...base, items: [base.items[0]!] }],
  ])('differs for %s', (_name, other) => {
    expect(canonical(other)).not.toBe(canonical(base));
  });
});
