/**
 * The admin reservations listing (`Query.reservations`, gsi14 and gsi2): newest first, filtered
 * by status, partner and product, paged with nextToken; admins only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let acme: Caller;
const ids: Record<string, string> = {};

const LIST = `query($status: ReservationStatus, $partnerId: ID, $productId: ID, $limit: Int, $nextToken: String) {
  reservations(status: $status, partnerId: $partnerId, productId: $productId, limit: $limit, nextToken: $nextToken) {
    items { id status partnerId lines { productId warehouseId quantity } }
    nextToken
  }
}`;

type Page = { reservations: { items: { id: string; status: string; partnerId: string | null }[]; nextToken: string | null } };

async function reserve(caller: Caller, productId: string): Promise<string> {
  const r = await api.gql<{ reserveStock: { id: string } }>(caller, 'mutation($i: ReserveStockInput!) { reserveStock(input: $i) { id } }', {
    i: { requestId: randomUUID(), lines: [{ productId, warehouseId: 'w1', quantity: 1 }] },
  });
  if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.reserveStock.id;
}

/** Every item over all pages (a filtered page may be short or empty while nextToken is set). */
async function listAll(variables: Record<string, unknown>): Promise<Page['reservations']['items']> {
  const items: Page['reservations']['items'] = [];
  let nextToken: string | null = null;
  do {
    const r: { body: { data?: Page | null; errors?: unknown } } = await api.gql<Page>(api.admin, LIST, {
      ...variables,
      limit: 2,
      nextToken,
    });
    if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
    items.push(...r.body.data.reservations.items);
    nextToken = r.body.data.reservations.nextToken;
  } while (nextToken);
  return items;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const p of ['p-a', 'p-b']) {
    await api.gql(api.admin, 'mutation($i: SetStockInput!) { setStock(input: $i) { version } }', {
      i: { productId: p, warehouseId: 'w1', onHand: 100 },
    });
  }
  acme = api.partner((await api.createPartnerKey('acme')).secret, 'acme');
  // Created in this order: the listing answers newest first.
  ids.adminA = await reserve(api.admin, 'p-a');
  ids.acmeB = await reserve(acme, 'p-b');
  ids.acmeA = await reserve(acme, 'p-a');
  await api.gql(api.admin, 'mutation($id: ID!) { releaseReservation(id: $id) { id } }', { id: ids.adminA });
}, 120_000);
afterAll(async () => api?.stop());

describe('Query.reservations', () => {
  it.each([
    { filter: {}, expected: ['acmeA', 'acmeB', 'adminA'] },
    { filter: { status: 'ACTIVE' }, expected: ['acmeA', 'acmeB'] },
    { filter: { status: 'RELEASED' }, expected: ['adminA'] },
    { filter: { partnerId: 'acme' }, expected: ['acmeA', 'acmeB'] },
    { filter: { productId: 'p-a' }, expected: ['acmeA', 'adminA'] },
    { filter: { partnerId: 'acme', productId: 'p-b', status: 'ACTIVE' }, expected: ['acmeB'] },
    { filter: { partnerId: 'nobody' }, expected: [] },
  ])('lists $filter newest first, across pages', async ({ filter, expected }) => {
    expect((await listAll(filter)).map((r) => r.id)).toEqual(expected.map((name) => ids[name]));
  });

  it('is for admins only: a partner key is refused', async () => {
    const r = await api.gql(acme, LIST, {});
    expect(r.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it.each([
    { variables: { limit: 0 }, field: 'limit' },
    { variables: { partnerId: 'bad id!' }, field: 'partnerId' },
    { variables: { nextToken: 'forged' }, field: 'nextToken' },
  ])('rejects a bad $field with a ValidationError', async ({ variables }) => {
    const r = await api.gql(api.admin, LIST, variables);
    expect(r.body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});
