import { describe, expect, it } from 'vitest';
import { validateOrderInput, type OrderInputLike } from '../../../model/orders/validation.js';

const valid = (over: Partial<OrderInputLike> = {}): OrderInputLike => ({
  customerId: 'cust-1',
  currency: 'EUR',
  items: [{ productId: 'p1', quantity: 2, unitPrice: 150 }],
  ...over,
});
const fields = (input: OrderInputLike) => {
  const r = validateOrderInput(input);
  return r.ok ? [] : r.violations.map((v) => v.field);
};

describe('validateOrderInput', () => {
  it('accepts a valid order and computes line totals and the total', () => {
    const r = validateOrderInput(
      valid({
        items: [
          { productId: 'p1', quantity: 2, unitPrice: 150 },
          { productId: 'p2', quantity: 1, unitPrice: 0 },
        ],
      }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        customerId: 'cust-1',
        currency: 'EUR',
        reservationId: null,
        idempotencyKey: null,
        total: 300,
        items: [
          { productId: 'p1', quantity: 2, unitPrice: 150, lineTotal: 300 },
          { productId: 'p2', quantity: 1, unitPrice: 0, lineTotal: 0 },
        ],
      },
    });
  });

  it.each<[string, Partial<OrderInputLike>, string[]]>([
    ['customer id too short', { customerId: 'ab' }, ['customerId']],
    ['customer id starting with "_"', { customerId: '_abc' }, ['customerId']],
    ['customer id with a space', { customerId: 'ab c' }, ['customerId']],
    ['customer id of 65 characters', { customerId: 'c'.repeat(65) }, ['customerId']],
    ['no items', { items: [] }, ['items']],
    ['51 items', { items: Array.from({ length: 51 }, () => ({ productId: 'p', quantity: 1, unitPrice: 1 })) }, ['input', 'items']],
    ['quantity 0', { items: [{ productId: 'p', quantity: 0, unitPrice: 1 }] }, ['items[0].quantity']],
    ['quantity 101', { items: [{ productId: 'p', quantity: 101, unitPrice: 1 }] }, ['items[0].quantity']],
    ['fractional quantity', { items: [{ productId: 'p', quantity: 1.5, unitPrice: 1 }] }, ['items[0].quantity']],
    ['negative price', { items: [{ productId: 'p', quantity: 1, unitPrice: -1 }] }, ['items[0].unitPrice']],
    ['fractional price', { items: [{ productId: 'p', quantity: 1, unitPrice: 0.5 }] }, ['items[0].unitPrice']],
    ['bad product id', { items: [{ productId: 'p#1', quantity: 1, unitPrice: 1 }] }, ['items[0].productId']],
    ['line total above Int', { items: [{ productId: 'p', quantity: 2, unitPrice: 1073741824 }] }, ['items[0].lineTotal']],
    [
      'total above Int',
      {
        items: [
          { productId: 'p', quantity: 1, unitPrice: 2147483647 },
          { productId: 'q', quantity: 1, unitPrice: 1 },
        ],
      },
      ['total'],
    ],
    ['lowercase currency', { currency: 'eur' }, ['currency']],
    ['unknown currency', { currency: 'EUX' }, ['currency']],
    ['testing currency XTS', { currency: 'XTS' }, ['currency']],
    ['bad reservation id', { reservationId: 'nope' }, ['reservationId']],
    ['bad idempotency key', { idempotencyKey: 'has space' }, ['idempotencyKey']],
    ['idempotency key of 129 characters', { idempotencyKey: 'k'.repeat(129) }, ['idempotencyKey']],
  ])('%s', (_name, over, expected) => {
    expect(fields(valid(over))).toEqual(expected);
  });

  it('reports every violation, with item paths', () => {
    expect(
      fields({
        customerId: '-',
        currency: 'X',
        items: [
          { productId: 'ok', quantity: 1, unitPrice: 1 },
          { productId: '', quantity: 0, unitPrice: -1 },
          { productId: 'ok', quantity: 200, unitPrice: 1 },
        ],
      }),
    ).toEqual(['customerId', 'currency', 'items[1].productId', 'items[1].quantity', 'items[1].unitPrice', 'items[2].quantity']);
  });

  it('counts the 1,024-byte cap in UTF-8 bytes, not characters', () => {
    // 'é' is one character but two bytes: pad to exactly 1,024 bytes, then one byte over.
    const pad = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2)) + 'a'.repeat(bytes % 2);
    const exact = valid({ idempotencyKey: 'k', reservationId: undefined, customerId: 'cust-1' });
    const room = 1024 - Buffer.byteLength(JSON.stringify({ ...exact, note: '' }), 'utf8');
    const fits = { ...exact, note: pad(room) } as OrderInputLike;
    const over = { ...exact, note: pad(room + 1) } as OrderInputLike;
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(1024);
    expect(JSON.stringify(fits).length).toBeLessThan(1024);
    expect(fields(fits)).toEqual([]);
    expect(fields(over)).toEqual(['input']);
  });
});
