/**
 * Authorization on the real-time endpoint: every mode the schema uses, on the connection and on
 * each subscription (Cognito ID and access tokens, partner keys through the Lambda authorizer,
 * IAM signing `/graphql/connect` and each start), and field-level denials with AppSync's errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../e2e/helpers/local-api.js';
import { authHeader, RealtimeTestClient, type Auth, type HeaderObject } from './support/protocol-client.js';
import { ALL_CHANGE_FIELDS, change, ON_STOCK_CHANGED, publish } from './support/stock-changes.js';

let api: TestApi;
let host: string;
const modes: Record<string, () => Auth> = {};

beforeAll(async () => {
  api = await startTestApi();
  host = new URL(api.s.graphqlUrl).host;
  const partner = await api.createPartnerKey('partner-rt');
  const accessToken = await api.s.userPool.issueAccess({ username: 'admin', groups: ['admin'] });
  Object.assign(modes, {
    'API key': () => ({ apiKey: api.s.apiKey }),
    'Cognito ID token': () => ({ token: api.s.adminToken }),
    'Cognito access token': () => ({ token: accessToken }),
    'Cognito access token with Bearer': () => ({ token: `Bearer ${accessToken}` }),
    'partner key (Lambda authorizer)': () => ({ token: partner.secret }),
    IAM: () => ({ iam: api.s.iamCredentials }),
  });
});
afterAll(async () => api?.stop());

const connectHeader = (auth: Auth) => authHeader(host, auth, { path: '/graphql/connect', body: '{}' });
const startHeader = (auth: Auth) => (data: string) => authHeader(host, auth, { path: '/graphql', body: data });

async function connect(auth: Auth, via: 'query' | 'subprotocol' = 'query'): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.open(api.s.realtimeUrl, await connectHeader(auth), via);
  const ack = await client.init();
  if (ack.type !== 'connection_ack') throw new Error(`not acked: ${JSON.stringify(ack)}`);
  return client;
}

const MODES = [
  'API key',
  'Cognito ID token',
  'Cognito access token',
  'Cognito access token with Bearer',
  'partner key (Lambda authorizer)',
  'IAM',
];

describe('every auth mode', () => {
  it.each(MODES)('%s authorizes the connection (header query parameter and header- subprotocol)', async (mode) => {
    for (const via of ['query', 'subprotocol'] as const) {
      const client = await connect(modes[mode]!(), via);
      client.close();
    }
  });

  it.each(MODES)('%s authorizes a subscription on a connection opened with the API key', async (mode) => {
    const client = await connect(modes['API key']!());
    const productId = `auth-${MODES.indexOf(mode)}`;
    const fields = mode === 'API key' ? 'productId available sequence' : ALL_CHANGE_FIELDS;
    expect(await client.start('s', ON_STOCK_CHANGED(fields), { p: productId }, startHeader(modes[mode]!()))).toEqual({
      type: 'start_ack',
      id: 's',
    });
    await publish(api, change(productId, 7));
    const data = await client.next((f) => f.type === 'data');
    expect(data.payload?.errors).toBeUndefined();
    expect(data.payload?.data).toMatchObject({ onStockChanged: { productId, sequence: 7 } });
    client.close();
  });

  it("a start without its own authorization uses the connection's", async () => {
    const client = await connect(modes['Cognito access token']!());
    expect(await client.start('s', ON_STOCK_CHANGED(ALL_CHANGE_FIELDS), { p: 'auth-conn' })).toMatchObject({ type: 'start_ack' });
    await publish(api, change('auth-conn', 1));
    expect((await client.next((f) => f.type === 'data')).payload?.data).toMatchObject({ onStockChanged: { onHand: 99 } });
    client.close();
  });
});

describe('refused subscriptions', () => {
  type Row = [string, string, string, () => Promise<HeaderObject | ((data: string) => Promise<HeaderObject>)>];
  it.each<Row>([
    [
      'a wrong API key',
      'UnauthorizedException',
      'You are not authorized to make this call.',
      async () => ({ host, 'x-api-key': 'da2-nope' }),
    ],
    [
      'an IAM signature over other data',
      'UnauthorizedException',
      'does not match',
      async () => authHeader(host, { iam: api.s.iamCredentials }, { path: '/graphql', body: '{"query":"other"}' }),
    ],
    ['the connect signature reused on a start', 'UnauthorizedException', 'does not match', async () => connectHeader(modes['IAM']!())],
    [
      'a non-admin Cognito user',
      'Unauthorized',
      'Not Authorized to access onStockChanged on type Subscription',
      async () => ({ host, Authorization: await api.s.issueToken({ username: 'clerk', groups: ['staff'] }) }),
    ],
    [
      'an expired token',
      'UnauthorizedException',
      'Token has expired.',
      async () => ({
        host,
        Authorization: await api.s.issueToken({ username: 'admin', groups: ['admin'], issuedAt: 1_000_000, expiresInSeconds: 60 }),
      }),
    ],
    [
      'an access token of another client',
      'UnauthorizedException',
      'Valid authorization header not provided.',
      async () => ({
        host,
        Authorization: await api.s.userPool.issueAccess({ username: 'admin', groups: ['admin'], audience: 'other-client' }),
      }),
    ],
    [
      'another host',
      'UnauthorizedException',
      'The host api.example.com in the authorization header does not match this API',
      async () => ({ host: 'api.example.com', 'x-api-key': api.s.apiKey }),
    ],
  ])('%s → %s', async (_name, errorType, message, authorization) => {
    const client = await connect(modes['API key']!());
    const answer = await client.start('s', ON_STOCK_CHANGED(), { p: 'refused' }, await authorization());
    expect(answer.type).toBe('error');
    expect(answer.payload?.errors?.[0]?.errorType).toBe(errorType);
    expect(answer.payload?.errors?.[0]?.message).toContain(message);
    client.close();
  });

  it('a partner key without inventory:read cannot subscribe', async () => {
    const key = await api.createPartnerKey('partner-noread', ['orders:write']);
    const client = await connect(modes['API key']!());
    const answer = await client.start('s', ON_STOCK_CHANGED(), { p: 'refused' }, { host, Authorization: key.secret });
    expect(answer.payload?.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'This partner key lacks the inventory:read scope.',
    });
    client.close();
  });
});

describe('field-level authorization on messages', () => {
  it("the storefront key gets onHand, reserved, threshold and reason as null with AppSync's errors; the rest arrives", async () => {
    const client = await connect(modes['API key']!());
    await client.start(
      's',
      ON_STOCK_CHANGED('productId available onHand reserved threshold reason status'),
      { p: 'fla-1' },
      await connectHeader(modes['API key']!()),
    );
    await publish(api, change('fla-1', 3));
    const data = await client.next((f) => f.type === 'data');
    expect(data.payload?.data).toEqual({
      onStockChanged: {
        productId: 'fla-1',
        available: 97,
        onHand: null,
        reserved: null,
        threshold: null,
        reason: null,
        status: 'IN_STOCK',
      },
    });
    expect(data.payload?.errors).toEqual(
      ['onHand', 'reserved', 'threshold', 'reason'].map((field) =>
        expect.objectContaining({
          errorType: 'Unauthorized',
          message: `Not Authorized to access ${field} on type StockChange`,
          path: ['onStockChanged', field],
        }),
      ),
    );
    client.close();
  });

  it('an admin on the same product receives every field without errors', async () => {
    const client = await connect(modes['Cognito ID token']!());
    await client.start('s', ON_STOCK_CHANGED(ALL_CHANGE_FIELDS), { p: 'fla-2' });
    await publish(api, change('fla-2', 4, { reserved: 2, available: 94 }));
    const data = await client.next((f) => f.type === 'data');
    expect(data.payload).toEqual({
      data: {
        onStockChanged: {
          productId: 'fla-2',
          warehouseId: 'wh-1',
          onHand: 96,
          reserved: 2,
          available: 94,
          threshold: 5,
          status: 'IN_STOCK',
          sequence: 4,
          reason: 'ADMIN_SET',
          at: expect.any(String),
        },
      },
    });
    client.close();
  });

  it('only IAM may publish', async () => {
    const input = change('fla-3', 1);
    for (const caller of [api.apiKey, api.admin]) {
      const r = await api.gql(caller, 'mutation($input: StockChangeInput!) { publishStockChange(input: $input) { sequence } }', { input });
      expect(r.body.errors?.[0]).toMatchObject({
        errorType: 'Unauthorized',
        message: 'Not Authorized to access publishStockChange on type Mutation',
      });
    }
  });
});
