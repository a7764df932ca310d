/**
 * Orders live: `createOrder`/`updateOrderStatus` over HTTP → change stream → event publisher →
 * `publishOrderChange` (IAM) → `onOrderStatusChanged(customerId)` subscribers. Admins see every
 * order of the customer; a partner only its own (an enhanced filter on partner id set by the
 * subscription resolver); the storefront key and a partner without orders:read cannot subscribe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeTestClient, type ServerFrame } from '../local/server/realtime/support/protocol-client.js';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';

const ORDER_FIELDS = 'id customerId partnerId status total statusHistory { status actor }';
const ON_ORDER = `subscription($c: ID!) { onOrderStatusChanged(customerId: $c) { ${ORDER_FIELDS} } }`;
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }`;
const UPDATE_STATUS = `mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { id status } }`;

let api: TestApi;
let host: string;
let partnerA: { caller: Caller; secret: string };
let partnerB: { caller: Caller; secret: string };
const customer = `cust-live-${Date.now().toString(36)}`;

async function partner(id: string, scopes?: string[]): Promise<{ caller: Caller; secret: string }> {
  const { secret } = await api.createPartnerKey(id, scopes);
  return { caller: api.partner(secret, id), secret };
}

async function subscriber(authorization: Record<string, string>): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.open(api.s.realtimeUrl, { host, ...authorization });
  expect((await client.init()).type).toBe('connection_ack');
  return client;
}

async function createOrder(caller: Caller, customerId = customer): Promise<string> {
  const r = await api.gql<{ createOrder: { id: string } }>(caller, CREATE_ORDER, {
    input: { customerId, currency: 'EUR', items: [{ productId: 'p-live', quantity: 1, unitPrice: 100 }] },
  });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.createOrder.id;
}

const orderFrames = (client: RealtimeTestClient, id: string): ServerFrame[] =>
  client.frames.filter((f) => f.type === 'data' && f.id === id);

beforeAll(async () => {
  api = await startTestApi();
  host = new URL(api.s.graphqlUrl).host;
  partnerA = await partner('partner-live-a');
  partnerB = await partner('partner-live-b');
});
afterAll(async () => {
  await api?.stop();
});

describe('onOrderStatusChanged', () => {
  it('admins receive the customer’s new orders and status changes in order; partners only their own', async () => {
    const admin = await subscriber({ Authorization: api.s.adminToken });
    const a = await subscriber({ Authorization: partnerA.secret });
    const b = await subscriber({ Authorization: partnerB.secret });
    expect((await admin.start('admin', ON_ORDER, { c: customer }, { host, Authorization: api.s.adminToken })).type).toBe('start_ack');
    expect((await admin.start('other', ON_ORDER, { c: 'cust-someone-else' }, { host, Authorization: api.s.adminToken })).type).toBe(
      'start_ack',
    );
    expect((await a.start('a', ON_ORDER, { c: customer }, { host, Authorization: partnerA.secret })).type).toBe('start_ack');
    expect((await b.start('b', ON_ORDER, { c: customer }, { host, Authorization: partnerB.secret })).type).toBe('start_ack');

    const byA = await createOrder(partnerA.caller);
    const byAdmin = await createOrder(api.admin);
    const paid = await api.gql(partnerA.caller, UPDATE_STATUS, { id: byA, s: 'PAID' });
    expect(paid.body.errors).toBeUndefined();
    const shipped = await api.gql(api.admin, UPDATE_STATUS, { id: byA, s: 'SHIPPED' });
    expect(shipped.body.errors).toBeUndefined();
    await api.s.drainStreams();
    await admin.next((f) => f.type === 'data' && f.id === 'admin' && JSON.stringify(f.payload).includes('SHIPPED'), 20_000);
    await a.next((f) => f.type === 'data' && f.id === 'a' && JSON.stringify(f.payload).includes('SHIPPED'), 20_000);

    const seen = (client: RealtimeTestClient, id: string) =>
      orderFrames(client, id).map((f) => {
        const o = (f.payload!.data as { onOrderStatusChanged: { id: string; status: string } }).onOrderStatusChanged;
        return `${o.id === byA ? 'A' : o.id === byAdmin ? 'admin' : o.id}:${o.status}`;
      });
    // Per order in stream order; the two orders' pushes are independent of each other.
    expect(seen(admin, 'admin').filter((s) => s.startsWith('A:'))).toEqual(['A:PENDING', 'A:PAID', 'A:SHIPPED']);
    expect(seen(admin, 'admin').filter((s) => s.startsWith('admin:'))).toEqual(['admin:PENDING']);
    expect(seen(a, 'a')).toEqual(['A:PENDING', 'A:PAID', 'A:SHIPPED']);
    expect(orderFrames(b, 'b')).toEqual([]);
    expect(orderFrames(admin, 'other')).toEqual([]);

    const last = orderFrames(a, 'a').at(-1)!.payload!.data as { onOrderStatusChanged: Record<string, unknown> };
    expect(last.onOrderStatusChanged).toMatchObject({
      id: byA,
      customerId: customer,
      partnerId: 'partner-live-a',
      status: 'SHIPPED',
      total: 100,
      statusHistory: [
        { status: 'PENDING', actor: 'partner:partner-live-a' },
        { status: 'PAID', actor: 'partner:partner-live-a' },
        { status: 'SHIPPED', actor: expect.stringMatching(/^admin:/) },
      ],
    });
    for (const c of [admin, a, b]) c.close();
  });

  it.each([
    ['the storefront key', () => ({ 'x-api-key': api.s.apiKey }), 'Unauthorized'],
    [
      'a partner without orders:read',
      async () => ({ Authorization: (await partner('partner-live-c', ['inventory:read'])).secret }),
      'Unauthorized',
    ],
  ])('refuses %s', async (_name, auth, errorType) => {
    const header = await auth();
    const client = await subscriber(header);
    const answer = await client.start('s', ON_ORDER, { c: customer }, { host, ...header });
    expect(answer.type).toBe('error');
    expect(answer.payload?.errors?.[0]?.errorType).toBe(errorType);
    client.close();
  });

  it('publishOrderChange is for IAM only', async () => {
    const r = await api.gql(api.admin, 'mutation($i: OrderChangeInput!) { publishOrderChange(input: $i) { id } }', {
      i: {
        id: 'ord_x1',
        customerId: customer,
        items: [],
        currency: 'EUR',
        total: 0,
        status: 'PAID',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        statusHistory: [{ status: 'PAID', at: '2026-01-01T00:00:00.000Z', actor: 'admin:x' }],
      },
    });
    expect(r.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
