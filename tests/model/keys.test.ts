import { describe, expect, it } from 'vitest';
import {
  activeIndexKeys,
  commitKey,
  idempotencyKey,
  inventoryIdsOf,
  inventoryKey,
  ledgerKey,
  ledgerSortPrefix,
  reservationKey,
  RESERVATION_SHARDS,
  warehouseRegistryKey,
} from '../../model/keys.js';

describe('model/keys', () => {
  it.each([
    ['inventoryKey', inventoryKey('p1', 'w1'), { pk: 'PRODUCT#p1', sk: 'STOCK#w1' }],
    ['warehouseRegistryKey', warehouseRegistryKey('w1'), { pk: 'WAREHOUSES', sk: 'WAREHOUSE#w1' }],
    ['reservationKey', reservationKey('res_abcd'), { pk: 'RESERVATION#res_abcd', sk: 'RESERVATION' }],
    ['commitKey', commitKey('cmt_abcd'), { pk: 'COMMIT#cmt_abcd', sk: 'COMMIT' }],
    [
      'idempotencyKey (reservation)',
      idempotencyKey('RESERVATION', 'partner-a', 'cart-1'),
      { pk: 'IDEMPOTENCY#RESERVATION#partner-a#cart-1', sk: 'IDEMPOTENCY' },
    ],
    [
      'idempotencyKey (commit)',
      idempotencyKey('COMMIT', 'admin:ops', 'cart-1'),
      { pk: 'IDEMPOTENCY#COMMIT#admin:ops#cart-1', sk: 'IDEMPOTENCY' },
    ],
    ['ledgerKey (sequence 7)', ledgerKey('p1', 'w1', 7), { pk: 'PRODUCT#p1', sk: 'LEDGER#w1#000000000007' }],
    ['ledgerKey (12 digits)', ledgerKey('p1', 'w1', 999999999999), { pk: 'PRODUCT#p1', sk: 'LEDGER#w1#999999999999' }],
    [
      'activeIndexKeys',
      activeIndexKeys('res_abcd', '2026-01-01T00:00:00.000Z', 'a'),
      { gsi1pk: 'RESERVATION#ACTIVE#a', gsi1sk: '2026-01-01T00:00:00.000Z#res_abcd' },
    ],
  ])('%s', (_name, key, expected) => {
    expect(key).toEqual(expected);
  });

  it('ledger rows of an item share the sort-key prefix and sort by sequence', () => {
    const keys = [10, 9, 100].map((n) => ledgerKey('p1', 'w1', n).sk);
    for (const sk of keys) expect(sk.startsWith(ledgerSortPrefix('w1'))).toBe(true);
    expect([...keys].sort()).toEqual([ledgerKey('p1', 'w1', 9).sk, ledgerKey('p1', 'w1', 10).sk, ledgerKey('p1', 'w1', 100).sk]);
  });

  it('spreads ACTIVE reservations over 16 hex shards', () => {
    expect(RESERVATION_SHARDS.join('')).toBe('0123456789abcdef');
  });

  it.each([
    [
      { pk: 'PRODUCT#p1', sk: 'STOCK#w1' },
      { productId: 'p1', warehouseId: 'w1' },
    ],
    [{ pk: 'PRODUCT#p1', sk: 'LEDGER#w1#000000000001' }, undefined],
    [{ pk: 'RESERVATION#r', sk: 'RESERVATION' }, undefined],
    [{ pk: 'PRODUCT#', sk: 'STOCK#w1' }, undefined],
    [{ pk: 1, sk: 'STOCK#w1' }, undefined],
    [{}, undefined],
  ])('inventoryIdsOf(%j) is %j', (key, expected) => {
    expect(inventoryIdsOf(key)).toEqual(expected);
  });
});
