/**
 * `/admin` on the local server: the built app, its config.json, the dev sign-in (a working admin
 * token, loopback callers only), no path outside admin-ui/dist, and /graphql untouched.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../e2e/helpers/local-api.js';

let api: TestApi;
let base: string;
// A non-loopback address of this machine, to call the server as another host would (none: skipped).
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

beforeAll(async () => {
  api = await startTestApi({ host: '0.0.0.0' });
  base = `http://127.0.0.1:${api.s.port}`;
}, 120_000);
afterAll(async () => api?.stop());

describe('the /admin route', { timeout: 60_000 }, () => {
  it('redirects /admin to /admin/ and serves the built app there', async () => {
    const redirect = await fetch(`${base}/admin`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/admin/']);
    const page = await fetch(`${base}/admin/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="app">');
  });

  it('answers config.json with this server’s API and the dev sign-in', async () => {
    const config = (await (await fetch(`${base}/admin/config.json`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ mode: 'local', graphqlUrl: '/graphql', devSignInUrl: '/admin/dev-sign-in' });
  });

  it('mints a dev admin token that the API accepts for admin-only fields', async () => {
    const { token } = (await (await fetch(`${base}/admin/dev-sign-in`, { method: 'POST' })).json()) as { token: string };
    const r = await api.gql(api.partner(token, 'dev sign-in'), '{ partnerKeys(limit: 1) { nextToken } }');
    expect(r.body.errors).toBeUndefined();
  });

  it.each([
    { method: 'GET', path: '/admin/dev-sign-in', status: 405 },
    { method: 'GET', path: '/admin/%2e%2e/package.json', status: 404 },
    { method: 'GET', path: '/admin/..%2f..%2fpackage.json', status: 404 },
    { method: 'GET', path: '/admin/assets/missing.js', status: 404 },
    { method: 'DELETE', path: '/admin/index.html', status: 405 },
  ])('$method $path is $status', async ({ method, path, status }) => {
    expect((await fetch(`${base}${path}`, { method })).status).toBe(status);
  });

  it.runIf(external)('refuses the dev sign-in to a caller from another host', async () => {
    const r = await fetch(`http://${external}:${api.s.port}/admin/dev-sign-in`, { method: 'POST' });
    expect(r.status).toBe(403);
  });

  it('leaves /graphql to the API', async () => {
    const r = await api.gql(api.apiKey, '{ productStock(productId: "none") { productId } }');
    expect(r.status).toBe(200);
  });
});
