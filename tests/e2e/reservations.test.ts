/**
 * Reservations end to end over HTTP, with real concurrency on DynamoDB Local: no oversell, no
 * duplicate hold, exactly one terminal state per hold, typed errors that change nothing.
 * After each concurrency test the consistency check must report no mismatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHECK,
  COMMIT,
  CONFIRM,
  EXTEND,
  LEDGER,
  PRODUCT_STOCK,
  RELEASE,
  RESERVATION,
  RESERVE,
  SET_STOCK,
  STOCK_LEVEL,
  startInventoryFixture,
  type Caller,
  type InventoryFixture,
} from './support/inventory-fixture.js';

let f: InventoryFixture;
let counter = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

interface Item {
  onHand: number;
  reserved: number;
  available: number;
  status: string;
  version: number;
  sequence: number;
}
interface Reservation {
  id: string;
  requestId: string;
  status: string;
  partnerId: string | null;
  expiresAt: string;
  lines: { productId: string; warehouseId: string; quantity: number }[];
}

async function stock(productId: string, warehouseId: string, onHand: number, threshold = 0): Promise<Item> {
  const r = await f.gql<{ setStock: Item }>(f.admin, SET_STOCK, { input: { productId, warehouseId, onHand, threshold } });
  expect(r.errors).toBeUndefined();
  return r.data!.setStock;
}

async function level(productId: string, warehouseId: string): Promise<Item> {
  const r = await f.gql<{ stockLevel: Item }>(f.admin, STOCK_LEVEL, { p: productId, w: warehouseId });
  return r.data!.stockLevel;
}

function reserve(caller: Caller, input: Record<string, unknown>) {
  return f.gql<{ reserveStock: Reservation }>(caller, RESERVE, { input });
}

async function expectConsistent(productId: string): Promise<void> {
  await f.stockroom.drainStreams();
  const r = await f.gql<{ checkInventoryConsistency: { consistent: boolean; items: { mismatches: string[] }[] } }>(f.admin, CHECK, {
    p: productId,
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.checkInventoryConsistency.items.flatMap((i) => i.mismatches)).toEqual([]);
  expect(r.data!.checkInventoryConsistency.consistent).toBe(true);
}

beforeAll(async () => {
  f = await startInventoryFixture('resv');
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('reservation ids reveal nothing across partners', () => {
  /** What a caller learns from an id on every reservation field and mutation, with the id itself blanked out. */
  async function answersFor(caller: Caller, id: string): Promise<unknown[]> {
    const calls: [string, Record<string, unknown>][] = [
      [RESERVATION, { id }],
      [RELEASE, { id }],
      [CONFIRM, { id }],
      [EXTEND, { id, ttl: 60 }],
    ];
    const answers = await Promise.all(calls.map(([query, variables]) => f.gql(caller, query, variables)));
    return answers.map((a) => JSON.parse(JSON.stringify(a).split(id).join('<id>')));
  }

  it("another partner's existing id answers exactly as a random one, and changes nothing", async () => {
    const p = uid('oracle');
    await stock(p, 'east', 10);
    const requestId = uid('order');
    const { data } = await reserve(f.partnerB, { requestId, lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] });
    const existing = data!.reserveStock.id;
    const random = `res_${'01JZZZZZZZZZZZZZZZZZZZZZZZ'}`;
    const forExisting = await answersFor(f.partnerA, existing);
    expect(forExisting).toEqual(await answersFor(f.partnerA, random));
    expect(forExisting[0]).toMatchObject({ data: { reservation: null } });
    expect((forExisting[0] as { errors?: unknown }).errors).toBeUndefined();
    expect((await f.gql<{ reservation: Reservation }>(f.partnerB, RESERVATION, { id: existing })).data!.reservation).toMatchObject({
      status: 'ACTIVE',
      requestId,
    });
    expect(await level(p, 'east')).toMatchObject({ reserved: 2, available: 8 });
  });

  it.each([
    ['reserveStock', 'res_'],
    ['commitStock', 'cmt_'],
  ])('%s ids are a ULID, not the caller or the request id', async (field, prefix) => {
    const p = uid('ulid');
    await stock(p, 'east', 10);
    const requestId = uid('visible');
    const input = { requestId, lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] };
    const r = await f.gql<Record<string, { id: string }>>(f.partnerA, field === 'reserveStock' ? RESERVE : COMMIT, { input });
    const id = r.data![field]!.id;
    expect(id).toMatch(new RegExp(`^${prefix}[0-9A-HJKMNP-TV-Z]{26}$`));
    expect(id).not.toContain(Buffer.from(`partner-a|${requestId}`).toString('base64url').slice(0, 8));
  });

  it('the same request id from two partners makes two reservations; each retry finds its own', async () => {
    const p = uid('scopes');
    await stock(p, 'east', 10);
    const input = { requestId: uid('shared'), lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] };
    const a = (await reserve(f.partnerA, input)).data!.reserveStock;
    const b = (await reserve(f.partnerB, input)).data!.reserveStock;
    expect(a.id).not.toBe(b.id);
    expect((await reserve(f.partnerA, input)).data!.reserveStock).toEqual(a);
    expect((await reserve(f.partnerB, input)).data!.reserveStock).toEqual(b);
    expect(await level(p, 'east')).toMatchObject({ reserved: 2 });
  });
});

describe('reserveStock under concurrency', () => {
  it('300 concurrent single-unit holds from two partners on 100 units: exactly 100 succeed', async () => {
    const p = uid('hot');
    await stock(p, 'east', 100);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        reserve(i % 2 === 0 ? f.partnerA : f.partnerB, { requestId: `r${i}`, lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] }),
      ),
    );
    const ok = results.filter((r) => r.data?.reserveStock);
    const short = results.filter((r) => r.errors?.[0]?.errorType === 'InsufficientStock');
    expect(ok).toHaveLength(100);
    expect(short).toHaveLength(200);
    expect(new Set(ok.map((r) => r.data!.reserveStock.id)).size).toBe(100);
    expect(short[0]!.errors![0]!.errorInfo).toEqual({ lines: [{ productId: p, warehouseId: 'east', requested: 1, available: 0 }] });
    const item = await level(p, 'east');
    expect(item).toMatchObject({ onHand: 100, reserved: 100, available: 0, status: 'OUT_OF_STOCK' });
    await expectConsistent(p);
  }, 120_000); // hundreds of real concurrent requests: generous on a shared CPU

  it('bundle carts that repeat a product never oversell it', async () => {
    const p = uid('bundle');
    await stock(p, 'east', 10);
    // Each cart asks for 3 units as 1 + 2 on the same item: only 3 carts fit into 10 units.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        reserve(f.partnerA, {
          requestId: `b${i}`,
          lines: [
            { productId: p, warehouseId: 'east', quantity: 1 },
            { productId: p, warehouseId: 'east', quantity: 2 },
          ],
        }),
      ),
    );
    const ok = results.filter((r) => r.data?.reserveStock);
    expect(ok).toHaveLength(3);
    for (const r of ok) expect(r.data!.reserveStock.lines).toEqual([{ productId: p, warehouseId: 'east', quantity: 3 }]);
    expect(results.filter((r) => r.errors?.[0]?.errorType === 'InsufficientStock')).toHaveLength(9);
    expect(await level(p, 'east')).toMatchObject({ reserved: 9, available: 1 });
    await expectConsistent(p);
  }, 120_000); // hundreds of real concurrent requests: generous on a shared CPU

  it('50 concurrent retries of one requestId make one reservation and one ledger entry', async () => {
    const p = uid('retry');
    const before = await stock(p, 'east', 20);
    const input = { requestId: 'same-request', lines: [{ productId: p, warehouseId: 'east', quantity: 4 }] };
    const results = await Promise.all(Array.from({ length: 50 }, () => reserve(f.partnerA, input)));
    const ids = new Set(results.map((r) => r.data?.reserveStock.id ?? r.errors?.[0]?.errorType));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^res_/);
    expect(await level(p, 'east')).toMatchObject({ reserved: 4, available: 16, sequence: before.sequence + 1 });
    await f.stockroom.drainStreams();
    const ledger = await f.gql<{ stockLedger: { items: { reason: string }[] } }>(f.admin, LEDGER, { p, w: 'east', since: before.sequence });
    expect(ledger.data!.stockLedger.items.map((e) => e.reason)).toEqual(['RESERVED']);
    await expectConsistent(p);
  });

  it('a retry with the lines reordered or split, or the default hold spelled out, is the same request', async () => {
    const a = uid('fp-a');
    const b = uid('fp-b');
    await stock(a, 'east', 10);
    await stock(b, 'east', 10);
    const first = await reserve(f.partnerA, {
      requestId: 'fp',
      lines: [
        { productId: a, warehouseId: 'east', quantity: 2 },
        { productId: b, warehouseId: 'east', quantity: 1 },
      ],
    });
    expect(first.errors).toBeUndefined();
    const same = await reserve(f.partnerA, {
      requestId: 'fp',
      ttlSeconds: 900,
      lines: [
        { productId: b, warehouseId: 'east', quantity: 1 },
        { productId: a, warehouseId: 'east', quantity: 1 },
        { productId: a, warehouseId: 'east', quantity: 1 },
      ],
    });
    expect(same.errors).toBeUndefined();
    expect(same.data!.reserveStock.id).toBe(first.data!.reserveStock.id);
    expect(await level(a, 'east')).toMatchObject({ reserved: 2 });
  });

  it('the same requestId with another payload is IdempotencyKeyReused and changes nothing', async () => {
    const p = uid('reuse');
    await stock(p, 'east', 5);
    const first = await reserve(f.partnerA, { requestId: 'k1', lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] });
    expect(first.errors).toBeUndefined();
    const again = await reserve(f.partnerA, { requestId: 'k1', lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] });
    expect(again.errors?.[0]?.errorType).toBe('IdempotencyKeyReused');
    expect(await level(p, 'east')).toMatchObject({ reserved: 1 });
    // Another partner has its own request-id space.
    const other = await reserve(f.partnerB, { requestId: 'k1', lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] });
    expect(other.errors).toBeUndefined();
    expect(other.data!.reserveStock.id).not.toBe(first.data!.reserveStock.id);
  });

  it('holds all lines or none and names every short line', async () => {
    const a = uid('multi-a');
    const b = uid('multi-b');
    await stock(a, 'east', 5);
    await stock(b, 'west', 1);
    const r = await reserve(f.partnerA, {
      requestId: uid('req'),
      lines: [
        { productId: a, warehouseId: 'east', quantity: 6 },
        { productId: b, warehouseId: 'west', quantity: 2 },
      ],
    });
    expect(r.errors?.[0]?.errorType).toBe('InsufficientStock');
    expect(r.errors?.[0]?.errorInfo).toEqual({
      lines: [
        { productId: a, warehouseId: 'east', requested: 6, available: 5 },
        { productId: b, warehouseId: 'west', requested: 2, available: 1 },
      ],
    });
    const ok = await reserve(f.partnerA, {
      requestId: uid('req'),
      lines: [
        { productId: a, warehouseId: 'east', quantity: 5 },
        { productId: b, warehouseId: 'west', quantity: 2 },
      ],
    });
    expect(ok.errors?.[0]?.errorType).toBe('InsufficientStock');
    expect(await level(a, 'east')).toMatchObject({ reserved: 0, available: 5 });
  });

  it('lines naming a warehouse take their units before lines without one are allocated', async () => {
    const p = uid('mixed');
    await stock(p, 'east', 6);
    await stock(p, 'west', 6);
    const r = await reserve(f.partnerA, {
      requestId: uid('req'),
      lines: [
        { productId: p, warehouseId: 'east', quantity: 5 },
        { productId: p, quantity: 5 },
      ],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.reserveStock.lines).toEqual([
      { productId: p, warehouseId: 'east', quantity: 5 },
      { productId: p, warehouseId: 'west', quantity: 5 },
    ]);
  });

  it('allocates a line without warehouse to the warehouse that can serve it', async () => {
    const p = uid('alloc');
    await stock(p, 'east', 2);
    await stock(p, 'west', 7);
    const r = await reserve(f.partnerA, { requestId: uid('req'), lines: [{ productId: p, quantity: 5 }] });
    expect(r.errors).toBeUndefined();
    expect(r.data!.reserveStock.lines).toEqual([{ productId: p, warehouseId: 'west', quantity: 5 }]);
    const product = await f.gql<{ productStock: { reserved: number; available: number } }>(f.admin, PRODUCT_STOCK, { p });
    expect(product.data!.productStock).toMatchObject({ reserved: 5, available: 4 });
  });
});

describe('reservation lifecycle', () => {
  it('release returns the units and is idempotent; confirm after release is InvalidTransition', async () => {
    const p = uid('life');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, { requestId: uid('req'), lines: [{ productId: p, warehouseId: 'east', quantity: 4 }] });
    const id = data!.reserveStock.id;
    const released = await f.gql<{ releaseReservation: Reservation }>(f.partnerA, RELEASE, { id });
    expect(released.data!.releaseReservation.status).toBe('RELEASED');
    const again = await f.gql<{ releaseReservation: Reservation }>(f.partnerA, RELEASE, { id });
    expect(again.data!.releaseReservation.status).toBe('RELEASED');
    const confirm = await f.gql(f.partnerA, CONFIRM, { id });
    expect(confirm.errors?.[0]?.errorType).toBe('InvalidTransition');
    expect(await level(p, 'east')).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    await expectConsistent(p);
  });

  it('confirm lowers onHand and reserved together; repeating it returns the reservation', async () => {
    const p = uid('confirm');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerB, { requestId: uid('req'), lines: [{ productId: p, warehouseId: 'east', quantity: 3 }] });
    const id = data!.reserveStock.id;
    const confirmed = await f.gql<{ confirmReservation: Reservation }>(f.partnerB, CONFIRM, { id });
    expect(confirmed.data!.confirmReservation.status).toBe('CONFIRMED');
    expect((await f.gql<{ confirmReservation: Reservation }>(f.partnerB, CONFIRM, { id })).data!.confirmReservation.status).toBe(
      'CONFIRMED',
    );
    expect((await f.gql(f.partnerB, RELEASE, { id })).errors?.[0]?.errorType).toBe('InvalidTransition');
    expect(await level(p, 'east')).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    await expectConsistent(p);
  });

  it("a partner cannot read, release, confirm or extend another partner's reservation: it is not found", async () => {
    const p = uid('owner');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, { requestId: uid('req'), lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] });
    const id = data!.reserveStock.id;
    const read = await f.gql(f.partnerB, RESERVATION, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ reservation: null });
    expect((await f.gql(f.partnerB, RELEASE, { id })).errors?.[0]?.errorType).toBe('NotFound');
    expect((await f.gql(f.partnerB, CONFIRM, { id })).errors?.[0]?.errorType).toBe('NotFound');
    expect((await f.gql(f.partnerB, EXTEND, { id, ttl: 60 })).errors?.[0]?.errorType).toBe('NotFound');
    expect((await f.gql<{ reservation: Reservation }>(f.partnerA, RESERVATION, { id })).data!.reservation.status).toBe('ACTIVE');
    expect((await f.gql<{ reservation: Reservation }>(f.admin, RESERVATION, { id })).data!.reservation.partnerId).toBe('partner-a');
    expect(await level(p, 'east')).toMatchObject({ reserved: 1 });
  });

  it('confirm after expiresAt fails with ReservationExpired before the sweeper ran; the sweeper then releases the units', async () => {
    const p = uid('expire');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, {
      requestId: uid('req'),
      ttlSeconds: 60,
      lines: [{ productId: p, warehouseId: 'east', quantity: 2 }],
    });
    const id = data!.reserveStock.id;
    await f.backdate(id);
    expect((await f.gql(f.partnerA, CONFIRM, { id })).errors?.[0]?.errorType).toBe('ReservationExpired');
    expect((await f.gql(f.partnerA, EXTEND, { id, ttl: 120 })).errors?.[0]?.errorType).toBe('ReservationExpired');
    await f.stockroom.runFunction('reservation-sweeper');
    expect((await f.gql<{ reservation: Reservation }>(f.partnerA, RESERVATION, { id })).data!.reservation.status).toBe('EXPIRED');
    expect(await level(p, 'east')).toMatchObject({ reserved: 0, available: 10 });
    await expectConsistent(p);
  });

  it('releasing a hold the sweeper already expired returns it, as before the sweep', async () => {
    const p = uid('late-release');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, {
      requestId: uid('req'),
      ttlSeconds: 60,
      lines: [{ productId: p, warehouseId: 'east', quantity: 2 }],
    });
    const id = data!.reserveStock.id;
    await f.backdate(id);
    await f.stockroom.runFunction('reservation-sweeper');
    const released = await f.gql<{ releaseReservation: Reservation }>(f.partnerA, RELEASE, { id });
    expect(released.errors).toBeUndefined();
    expect(released.data!.releaseReservation.status).toBe('EXPIRED');
    expect(await level(p, 'east')).toMatchObject({ reserved: 0, available: 10 });
  });

  it('extend never shortens a hold', async () => {
    const p = uid('no-shorten');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, {
      requestId: uid('req'),
      ttlSeconds: 3600,
      lines: [{ productId: p, warehouseId: 'east', quantity: 1 }],
    });
    const extended = await f.gql<{ extendReservation: Reservation }>(f.partnerA, EXTEND, { id: data!.reserveStock.id, ttl: 60 });
    expect(extended.data!.extendReservation.expiresAt).toBe(data!.reserveStock.expiresAt);
  });

  it('extend moves the deadline within 24 h of creation', async () => {
    const p = uid('extend');
    await stock(p, 'east', 10);
    const { data } = await reserve(f.partnerA, {
      requestId: uid('req'),
      ttlSeconds: 60,
      lines: [{ productId: p, warehouseId: 'east', quantity: 1 }],
    });
    const r = data!.reserveStock;
    const extended = await f.gql<{ extendReservation: Reservation }>(f.partnerA, EXTEND, { id: r.id, ttl: 3600 });
    expect(Date.parse(extended.data!.extendReservation.expiresAt) - Date.parse(r.expiresAt)).toBeGreaterThan(3000_000);
    // A second later, a full 24 h from now would end after 24 h from creation.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tooLong = await f.gql(f.partnerA, EXTEND, { id: r.id, ttl: 86400 });
    expect(tooLong.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'ttlSeconds' } });
  });

  it('release, confirm and the sweeper racing on one hold: exactly one terminal state wins', async () => {
    for (let round = 0; round < 4; round += 1) {
      const p = uid('race');
      await stock(p, 'east', 10);
      const { data } = await reserve(f.partnerA, {
        requestId: uid('req'),
        ttlSeconds: 60,
        lines: [{ productId: p, warehouseId: 'east', quantity: 5 }],
      });
      const id = data!.reserveStock.id;
      if (round % 2 === 1) await f.backdate(id);
      const outcomes = await Promise.all([
        ...Array.from({ length: 5 }, () => f.gql<{ releaseReservation: Reservation }>(f.partnerA, RELEASE, { id })),
        ...Array.from({ length: 5 }, () => f.gql<{ confirmReservation: Reservation }>(f.partnerA, CONFIRM, { id })),
        f.stockroom.runFunction('reservation-sweeper'),
        f.stockroom.runFunction('reservation-sweeper'),
      ]);
      const final = (await f.gql<{ reservation: Reservation }>(f.admin, RESERVATION, { id })).data!.reservation.status;
      expect(['RELEASED', 'CONFIRMED', 'EXPIRED']).toContain(final);
      const item = await level(p, 'east');
      if (final === 'CONFIRMED') expect(item).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
      else expect(item).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
      // Every caller saw either the winner or a typed refusal, never an internal error.
      for (const o of outcomes.slice(0, 10) as { errors?: { errorType: string | null }[] }[]) {
        if (o.errors) expect(['InvalidTransition', 'ReservationExpired', 'Conflict']).toContain(o.errors[0]!.errorType);
      }
      await expectConsistent(p);
    }
  });
});

describe('what partners may see', () => {
  it('the ledger shows a partner its own movements, and only that others moved stock', async () => {
    const p = uid('ledger-privacy');
    const before = await stock(p, 'east', 10);
    const mine = await reserve(f.partnerA, { requestId: uid('req'), lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] });
    await reserve(f.partnerB, { requestId: 'secret-cart', lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] });
    await f.stockroom.drainStreams();
    const seenByA = await f.gql<{ stockLedger: { items: { actor: string; reference: string | null; reservedDelta: number }[] } }>(
      f.partnerA,
      LEDGER,
      { p, w: 'east', since: before.sequence },
    );
    expect(seenByA.data!.stockLedger.items).toEqual(
      [
        { actor: 'partner:partner-a', reference: mine.data!.reserveStock.id, reservedDelta: 1 },
        { actor: 'other', reference: null, reservedDelta: 2 },
      ].map((e) => expect.objectContaining(e)),
    );
    const seenByAdmin = await f.gql<{ stockLedger: { items: { actor: string }[] } }>(f.admin, LEDGER, {
      p,
      w: 'east',
      since: before.sequence,
    });
    expect(seenByAdmin.data!.stockLedger.items.map((e) => e.actor)).toEqual(['partner:partner-a', 'partner:partner-b']);
  });

  it('a partner key without inventory:read cannot read stock', async () => {
    const created = await f.gql<{ createPartnerKey: { secret: string } }>(
      f.admin,
      `mutation { createPartnerKey(partnerId: "orders-only", scopes: ["orders:read"]) { secret } }`,
    );
    const ordersOnly = { authorization: created.data!.createPartnerKey.secret };
    const p = uid('scoped');
    await stock(p, 'east', 3);
    expect((await f.gql(ordersOnly, STOCK_LEVEL, { p, w: 'east' })).errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await f.gql(ordersOnly, PRODUCT_STOCK, { p })).errors?.[0]?.errorType).toBe('Unauthorized');
    expect(
      (await f.gql(ordersOnly, RESERVE, { input: { requestId: 'x', lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] } }))
        .errors?.[0]?.errorType,
    ).toBe('Unauthorized');
    expect((await f.gql<{ stockLevel: { onHand: number } }>(f.partnerA, STOCK_LEVEL, { p, w: 'east' })).data!.stockLevel.onHand).toBe(3);
  });
});

describe('commitStock', () => {
  it('decrements directly, idempotently, and never below available', async () => {
    const p = uid('commit');
    await stock(p, 'east', 5);
    const input = { requestId: 'c1', lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => f.gql<{ commitStock: { id: string } }>(f.partnerA, COMMIT, { input })),
    );
    expect(new Set(results.map((r) => r.data?.commitStock.id)).size).toBe(1);
    expect(await level(p, 'east')).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const tooMuch = await f.gql(f.partnerA, COMMIT, {
      input: { requestId: 'c2', lines: [{ productId: p, warehouseId: 'east', quantity: 4 }] },
    });
    expect(tooMuch.errors?.[0]?.errorType).toBe('InsufficientStock');
    await expectConsistent(p);
  });
});

describe('contention on AWS (injected)', () => {
  it('a transaction conflict reaches the client as a retryable Conflict; a retry with the same requestId succeeds', async () => {
    const p = uid('conflict');
    await stock(p, 'east', 10);
    const input = { requestId: 'conflicted', lines: [{ productId: p, warehouseId: 'east', quantity: 2 }] };
    f.stockroom.faults.set({ transactionConflictRate: 1, throttleRate: 0, operations: ['TransactWriteItems'] });
    let failed;
    try {
      failed = await reserve(f.partnerA, input);
    } finally {
      f.stockroom.faults.reset();
    }
    expect(failed.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    expect(await level(p, 'east')).toMatchObject({ reserved: 0, available: 10 });
    const retried = await reserve(f.partnerA, input);
    expect(retried.errors).toBeUndefined();
    expect(await level(p, 'east')).toMatchObject({ reserved: 2, available: 8 });
  });

  it('throttling is a retryable Conflict too, never a wrong count', async () => {
    const p = uid('throttle');
    await stock(p, 'east', 10);
    f.stockroom.faults.set({ transactionConflictRate: 0, throttleRate: 1 });
    let failed;
    try {
      failed = await reserve(f.partnerA, { requestId: 'throttled', lines: [{ productId: p, warehouseId: 'east', quantity: 1 }] });
    } finally {
      f.stockroom.faults.reset();
    }
    expect(failed.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    expect(await level(p, 'east')).toMatchObject({ reserved: 0, available: 10 });
  });
});
