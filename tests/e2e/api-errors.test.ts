/**
 * Request-level behaviour over HTTP: credentials (401), malformed requests (400), oversized
 * bodies, validation errors, limits, and the error format. Nothing a client sends crashes the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, signedHeaders, type TestApi } from './helpers/local-api.js';

const GET = 'query { stockLevel(productId: "e-p", warehouseId: "w1") { onHand } }';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ maxBodyBytes: 64 * 1024, limits: { queryDepth: 2, resolverCount: 2 } });
});
afterAll(async () => api?.stop());

const unauthorized = (message?: string) => ({ errors: [{ errorType: 'UnauthorizedException', message: message ?? expect.any(String) }] });

describe('credentials', () => {
  it('answers 401 UnauthorizedException without any credential', async () => {
    const r = await api.gql(api.none, GET);
    expect(r.status).toBe(401);
    expect(r.body).toEqual(unauthorized('Valid authorization header not provided.'));
  });

  it('answers 401 for an unknown API key', async () => {
    const r = await api.gql({ name: 'bad-key', headers: () => ({ 'x-api-key': 'da2-notakey' }) }, GET);
    expect(r.status).toBe(401);
    expect(r.body).toEqual(unauthorized());
  });

  it('answers 401 for expired, wrong-issuer, wrong-audience and badly signed JWTs', async () => {
    const expired = await api.s.issueToken({
      username: 'admin',
      groups: ['admin'],
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
      expiresInSeconds: 60,
    });
    const issuer = await api.s.issueToken({ username: 'admin', groups: ['admin'], issuer: 'https://evil.example.com' });
    const audience = await api.s.issueToken({ username: 'admin', groups: ['admin'], audience: 'other-client' });
    const [h, p] = api.s.adminToken.split('.');
    const badSignature = `${h}.${p}.${'A'.repeat(342)}`;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), 'cognito:groups': ['admin', 'root'] })).toString('base64url')}.${api.s.adminToken.split('.')[2]}`;
    for (const [name, token] of Object.entries({ expired, issuer, audience, badSignature, tampered, garbage: 'not-a-jwt' })) {
      const r = await api.gql({ name, headers: () => ({ authorization: token }) }, GET);
      expect(r.status, name).toBe(401);
      expect(r.body.errors![0]!.errorType, name).toBe('UnauthorizedException');
    }
    const r = await api.gql({ name: 'expired', headers: () => ({ authorization: expired }) }, GET);
    expect(r.body.errors![0]!.message).toBe('Token has expired.');
  });

  it('accepts a correct SigV4 signature and refuses a wrong secret, a tampered body and an unknown key', async () => {
    expect((await api.gql(api.iam, GET)).status).toBe(200);
    const body = JSON.stringify({ query: GET });
    const wrongSecret = await signedHeaders(api.s, body, { ...api.s.iamCredentials, secretAccessKey: 'x'.repeat(40) });
    expect((await api.raw(body, wrongSecret)).status).toBe(401);
    const good = await signedHeaders(api.s, body);
    expect((await api.raw(body.replace('e-p', 'e-q'), good)).status).toBe(401);
    const unknown = await signedHeaders(api.s, body, { ...api.s.iamCredentials, accessKeyId: 'AKIAUNKNOWN000000000' });
    expect((await api.raw(body, unknown)).status).toBe(401);
    expect((await api.raw(body, { authorization: 'AWS4-HMAC-SHA256 Credential=garbage' })).status).toBe(401);
  });
});

describe('malformed requests', () => {
  const key = () => ({ 'x-api-key': api.s.apiKey });

  it('answers 400 with a GraphQL-style error for malformed JSON and bad request shapes', async () => {
    for (const body of ['{"query": ', '[]', '"x"', '{}', '{"query": 5}', '{"query": "{ __typename }", "variables": [1]}']) {
      const r = await api.raw(body, key());
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.text), body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: expect.any(String) }] });
    }
  });

  it('answers 400 with locations for a query syntax error', async () => {
    const r = await api.gql({ name: 'k', headers: key }, '{ stockLevel(');
    expect(r.status).toBe(400);
    expect(r.body.errors![0]).toMatchObject({
      errorType: 'InvalidSyntax',
      locations: [{ line: 1, column: expect.any(Number), sourceName: null }],
    });
  });

  it('answers 400 ValidationError for an unknown field, naming it', async () => {
    const r = await api.gql({ name: 'k', headers: key }, '{ stockLevel(productId: "a", warehouseId: "b") { nope } }');
    expect(r.status).toBe(400);
    expect(r.body.errors![0]).toMatchObject({ errorType: 'ValidationError', path: null });
    expect(r.body.errors![0]!.message).toContain('nope');
  });

  it('answers 400 ValidationError for a variable of the wrong type, before any resolver runs', async () => {
    const r = await api.gql(api.admin, 'mutation($input: SetStockInput!) { setStock(input: $input) { version } }', {
      input: { productId: 'v', warehouseId: 'w', onHand: 'many' },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.errorType).toBe('ValidationError');
    expect(r.body.errors![0]!.message).toContain('onHand');
  });

  it('rejects a body over the size limit with 413 and keeps serving', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(70 * 1024) } });
    const r = await api.raw(big, key());
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).errors[0].errorType).toBe('PayloadTooLargeException');
    expect((await api.gql({ name: 'k', headers: key }, GET)).status).toBe(200);
  });

  it('answers 404 elsewhere and 405 for GET /graphql', async () => {
    expect((await fetch(api.s.graphqlUrl.replace('/graphql', '/other'))).status).toBe(404);
    expect((await fetch(api.s.graphqlUrl)).status).toBe(405);
  });
});

describe('limits and error format', () => {
  it('reports QueryDepthLimitReached on fields beyond the configured depth', async () => {
    await api.gql(api.admin, 'mutation { setStock(input: {productId: "e-p", warehouseId: "w1", onHand: 1}) { version } }');
    const r = await api.gql(api.admin, '{ productStock(productId: "e-p") { items { onHand } } }');
    expect(r.status).toBe(200);
    expect(r.body.errors!.some((e) => e.errorType === 'QueryDepthLimitReached')).toBe(true);
  });

  it('reports ResolverExecutionLimitReached past the resolver count, without running those resolvers', async () => {
    const r = await api.gql(
      api.apiKey,
      '{ a: stockLevel(productId: "e-p", warehouseId: "w1") { available } b: stockLevel(productId: "e-p", warehouseId: "w1") { available } c: stockLevel(productId: "e-p", warehouseId: "w1") { available } }',
    );
    expect(r.status).toBe(200);
    const limited = r.body.errors!.filter((e) => e.errorType === 'ResolverExecutionLimitReached');
    expect(limited).toHaveLength(1);
    expect(r.body.data).toMatchObject({ a: { available: 1 }, b: { available: 1 }, c: null });
  });

  it('shapes field errors as AppSync does: path, data, errorType, errorInfo, locations, message', async () => {
    const r = await api.gql(
      api.admin,
      'mutation { setStock(input: {productId: "e-p", warehouseId: "w1", onHand: 1, expectedVersion: 999}) { version } }',
    );
    expect(Object.keys(r.body.errors![0]!).sort()).toEqual(['data', 'errorInfo', 'errorType', 'locations', 'message', 'path']);
    expect(r.body.errors![0]!.locations).toEqual([{ line: 1, column: 12, sourceName: null }]);
  });
});

describe('introspection', () => {
  it('is on by default and can be switched off', async () => {
    expect((await api.gql(api.apiKey, '{ __schema { queryType { name } } }')).body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const closed = await startTestApi({ limits: { introspection: false } });
    try {
      const r = await closed.gql(closed.apiKey, '{ __schema { queryType { name } } }');
      expect(r.status).toBe(400);
      expect(r.body.errors![0]!.errorType).toBe('ValidationError');
    } finally {
      await closed.stop();
    }
  });
});
