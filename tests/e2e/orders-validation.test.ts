/**
 * Bad orders over HTTP: every validation rule (table-driven), every violation reported at once
 * with its field path, wrong types and missing fields refused before any resolver runs, the 1 KB
 * cap counted in UTF-8 bytes, and a seeded fuzz run: always a typed error or an order, never a 5xx,
 * and the table never holds an order without its idempotency record or the other way round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVE, SET_STOCK, STOCK_LEVEL } from './support/inventory-fixture.js';
import { CREATE_ORDER, startOrdersFixture, type OrdersFixture } from './support/orders-fixture.js';

let f: OrdersFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

beforeAll(async () => {
  f = await startOrdersFixture('ordval');
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

const TYPED = [
  'ValidationError',
  'NotFound',
  'InsufficientStock',
  'VersionConflict',
  'InvalidTransition',
  'ReservationExpired',
  'IdempotencyKeyReused',
  'Unauthorized',
  'Conflict',
];
const valid = (over: Record<string, unknown> = {}) => ({
  customerId: uid('c'),
  currency: 'EUR',
  items: [{ productId: 'p1', quantity: 1, unitPrice: 100 }],
  ...over,
});
const item = (over: Record<string, unknown> = {}) => ({ productId: 'p1', quantity: 1, unitPrice: 100, ...over });

async function violations(input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string[]> {
  const r = await f.createOrder(f.partnerA, input, headers);
  expect(r.data).toBeNull();
  expect(r.errors?.[0]?.errorType).toBe('ValidationError');
  const info = r.errors![0]!.errorInfo as { field: string; violations: { field: string }[] };
  expect(info.field).toBe(info.violations[0]!.field);
  return info.violations.map((v) => v.field);
}

describe('validation rules (each refused before any write, naming its field)', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['customer id of 2 characters', { customerId: 'ab' }, ['customerId']],
    ['customer id of 65 characters', { customerId: 'c'.repeat(65) }, ['customerId']],
    ['customer id starting with "-"', { customerId: '-abc' }, ['customerId']],
    ['customer id with "."', { customerId: 'a.bc' }, ['customerId']],
    ['no items', { items: [] }, ['items']],
    ['51 items (over the byte cap as well)', { items: Array.from({ length: 51 }, () => item({ productId: 'p' })) }, ['input', 'items']],
    ['quantity 0', { items: [item(), item({ quantity: 0 })] }, ['items[1].quantity']],
    ['quantity 101', { items: [item({ quantity: 101 })] }, ['items[0].quantity']],
    ['negative quantity', { items: [item({ quantity: -3 })] }, ['items[0].quantity']],
    ['negative unit price', { items: [item(), item(), item({ unitPrice: -1 })] }, ['items[2].unitPrice']],
    ['product id with a space', { items: [item({ productId: 'p 1' })] }, ['items[0].productId']],
    ['product id of 65 characters', { items: [item({ productId: 'p'.repeat(65) })] }, ['items[0].productId']],
    ['empty product id', { items: [item({ productId: '' })] }, ['items[0].productId']],
    ['line total over 2,147,483,647', { items: [item({ quantity: 100, unitPrice: 21474837 })] }, ['items[0].lineTotal']],
    ['total over 2,147,483,647', { items: [item({ unitPrice: 2147483647 }), item({ unitPrice: 1 })] }, ['total']],
    ['currency in lowercase', { currency: 'usd' }, ['currency']],
    ['currency that is not ISO 4217', { currency: 'ABC' }, ['currency']],
    ['currency of four letters', { currency: 'EURO' }, ['currency']],
    ['the testing currency XTS', { currency: 'XTS' }, ['currency']],
    ['reservation id of another shape', { reservationId: 'reservation-1' }, ['reservationId']],
    ['idempotency key with a space', { idempotencyKey: 'a b' }, ['idempotencyKey']],
    ['empty idempotency key', { idempotencyKey: '' }, ['idempotencyKey']],
  ])('%s', async (_name, over, fields) => {
    expect(await violations(valid(over))).toEqual(fields);
  });

  it('reports every violation at once, in field order', async () => {
    const input = {
      customerId: 'x',
      currency: 'eur',
      reservationId: 'bad',
      idempotencyKey: '?',
      items: [item({ productId: '#', quantity: 0, unitPrice: -5 }), item(), item({ quantity: 1000 })],
    };
    expect(await violations(input)).toEqual([
      'customerId',
      'currency',
      'reservationId',
      'idempotencyKey',
      'items[0].productId',
      'items[0].quantity',
      'items[0].unitPrice',
      'items[2].quantity',
    ]);
  });

  it('an Idempotency-Key header is validated like the argument', async () => {
    expect(await violations(valid(), { 'idempotency-key': 'has space' })).toEqual(['headers.Idempotency-Key']);
  });

  it('nothing of the refused orders reached the table', async () => {
    const state = await f.tableState();
    expect(state).toEqual({ orders: [], keys: [], fingerprints: [] });
  });
});

describe('the 1,024-byte cap counts UTF-8 bytes of the input as received', () => {
  /** An input with all five fields whose JSON is exactly `bytes` UTF-8 bytes (product ids pad it). */
  function inputOfBytes(bytes: number): Record<string, unknown> {
    const input = {
      customerId: uid('bytes'),
      items: [] as Record<string, unknown>[],
      currency: 'EUR',
      reservationId: null,
      idempotencyKey: uid('key'),
    };
    const size = () => Buffer.byteLength(JSON.stringify(input), 'utf8');
    while (size() + 60 < bytes) input.items.push(item({ productId: 'x'.repeat(20) }));
    input.items.push(item({ productId: 'x' }));
    const last = input.items[input.items.length - 1]!;
    last['productId'] = 'x'.repeat(1 + bytes - size());
    expect(size()).toBe(bytes);
    return input;
  }

  it('1,024 bytes are accepted, 1,025 refused as `input`', async () => {
    const fits = await f.createOrder(f.partnerA, inputOfBytes(1024));
    expect(fits.errors).toBeUndefined();
    expect(await violations(inputOfBytes(1025))).toEqual(['input']);
  });

  it('bytes, not characters: 600 characters of "é" are 1,200 bytes', async () => {
    const input = valid({ customerId: 'é'.repeat(600) });
    expect(JSON.stringify(input).length).toBeLessThan(1024);
    expect(await violations(input)).toEqual(['input', 'customerId']);
  });
});

describe('wrong types and missing fields: a 400 ValidationError before any resolver runs', () => {
  it.each<[string, unknown]>([
    ['quantity as a string', valid({ items: [item({ quantity: 'two' })] })],
    ['fractional unit price', valid({ items: [item({ unitPrice: 1.5 })] })],
    ['unit price beyond Int', valid({ items: [item({ unitPrice: 2147483648 })] })],
    ['missing customerId', { currency: 'EUR', items: [item()] }],
    ['missing items', { customerId: 'cust-1', currency: 'EUR' }],
    ['items null', { customerId: 'cust-1', currency: 'EUR', items: null }],
    ['an item without a price', valid({ items: [{ productId: 'p', quantity: 1 }] })],
    ['an unknown field', valid({ discount: 5 })],
    ['currency as a number', valid({ currency: 978 })],
    ['input as a list', [valid()]],
  ])('%s', async (_name, input) => {
    const r = await f.gql(f.partnerA, CREATE_ORDER, { input });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz (seeded)', () => {
  const SEED = Number(process.env.ORDERS_FUZZ_SEED ?? 20261201);

  it(`random inputs (seed ${SEED}): a typed error or an order, never a 5xx, never a partial write`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const product = uid('fz');
    await f.gql(f.admin, SET_STOCK, { input: { productId: product, warehouseId: 'east', onHand: 10 } });
    const reserved = await f.gql<{ reserveStock: { id: string } }>(f.partnerA, RESERVE, {
      input: { requestId: uid('r'), lines: [{ productId: product, warehouseId: 'east', quantity: 2 }] },
    });
    const reservationId = reserved.data!.reserveStock.id;

    const strings = [
      '',
      'a',
      'ab',
      'abc',
      'cust-1',
      '-x',
      'é',
      '😀😀',
      'x'.repeat(64),
      'x'.repeat(65),
      'a b',
      'EUR',
      'eur',
      'XTS',
      'JPY',
      'res_abcd',
      product,
    ];
    const numbers = [0, 1, 2, 50, 100, 101, -1, 1.5, 2147483647, 2147483648, 1e12, 21474837];
    const anyValue = (): unknown => pick([() => pick(strings), () => pick(numbers), () => null, () => true, () => [], () => ({})])();
    // Each part is valid most of the time, so whole inputs are often valid too (and duplicate each other).
    const fuzzItem = (): unknown =>
      random() < 0.03
        ? anyValue()
        : {
            productId: random() < 0.95 ? pick(['p1', 'p2', product]) : anyValue(),
            quantity: random() < 0.9 ? pick([1, 2, int(1, 100)]) : pick([0, 101, -1, ...numbers]),
            unitPrice: random() < 0.9 ? pick([0, 1, 99, 100000]) : pick([-5, 2147483647, ...numbers]),
          };
    const fuzzInput = (): Record<string, unknown> => {
      const input: Record<string, unknown> = {};
      if (random() < 0.98) input['customerId'] = random() < 0.9 ? pick(['cust-a', 'cust-b', uid('cz')]) : anyValue();
      if (random() < 0.95)
        input['items'] =
          random() < 0.95 ? Array.from({ length: random() < 0.9 ? int(1, 3) : pick([0, 15, 30, 51]) }, fuzzItem) : anyValue();
      if (random() < 0.98) input['currency'] = random() < 0.9 ? pick(['EUR', 'USD', 'JPY']) : anyValue();
      if (random() < 0.15) input['reservationId'] = random() < 0.8 ? pick([reservationId, 'res_unknown1']) : anyValue();
      if (random() < 0.5) input['idempotencyKey'] = random() < 0.9 ? pick(['k1', 'k2', 'k3', uid('k')]) : anyValue();
      if (random() < 0.01) input['extra'] = anyValue();
      return input;
    };

    const successes = new Map<string, Record<string, unknown>>();
    const seen: Record<string, number> = {};
    for (let batch = 0; batch < 20; batch++) {
      const inputs = Array.from({ length: 10 }, fuzzInput);
      const results = await Promise.all(
        inputs.map((input) => f.gql<{ createOrder: { id: string; reservationId: string | null } }>(f.partnerA, CREATE_ORDER, { input })),
      );
      results.forEach((r, i) => {
        expect(r.status, JSON.stringify(inputs[i])).toBeLessThan(500);
        const kind = r.data?.createOrder ? 'order' : String(r.errors?.[0]?.errorType);
        seen[kind] = (seen[kind] ?? 0) + 1;
        if (r.data?.createOrder) successes.set(r.data.createOrder.id, inputs[i]!);
        else {
          expect(TYPED, JSON.stringify({ input: inputs[i], errors: r.errors })).toContain(r.errors?.[0]?.errorType);
          expect(r.errors![0]!.message).not.toMatch(/dynamodb|exception|stack/i);
        }
      });
    }
    // The run must exercise both sides: accepted orders (and their duplicates) and refusals.
    expect(seen['order'] ?? 0).toBeGreaterThan(20);
    expect(seen['ValidationError'] ?? 0).toBeGreaterThan(20);

    const state = await f.tableState();
    const fuzzOrders = state.orders.filter((o) => successes.has(String(o['id'])));
    expect(fuzzOrders).toHaveLength(successes.size);
    const orderIds = new Set(state.orders.map((o) => String(o['id'])));
    // Every idempotency record points at an order that exists, and every keyed order has its record.
    for (const record of [...state.keys, ...state.fingerprints]) expect(orderIds.has(String(record['orderId']))).toBe(true);
    const keyed = new Set(state.keys.map((k) => String(k['orderId'])));
    for (const o of state.orders) if (o['idempotencyKey']) expect(keyed.has(String(o['id']))).toBe(true);
    // Stock moved only if an accepted order took the reservation.
    const checkedOut = fuzzOrders.some((o) => o['reservationId'] === reservationId);
    const item = (await f.gql<{ stockLevel: { onHand: number; reserved: number } }>(f.admin, STOCK_LEVEL, { p: product, w: 'east' })).data!
      .stockLevel;
    expect(item).toMatchObject(checkedOut ? { onHand: 8, reserved: 0 } : { onHand: 10, reserved: 2 });
  }, 120_000);
});
