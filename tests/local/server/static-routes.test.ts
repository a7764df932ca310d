/** The local server's pages: the widget script and the demo storefront in front of the API. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStaticRoutes } from '../../../local/server/static-routes.js';
import { WIDGET_SCRIPT_PATH } from '../../../widget/demo/page.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end('api'));
  attachStaticRoutes(server, { graphqlUrl: () => 'http://api.test/graphql', apiKey: () => 'da2-test', log: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('attachStaticRoutes', () => {
  it('serves the built widget script', async () => {
    const res = await fetch(`${base}${WIDGET_SCRIPT_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toContain('stockroom-stock');
  });

  it('serves /demo with one script tag carrying the API URL and storefront key', async () => {
    const html = await (await fetch(`${base}/demo`)).text();
    expect(html.match(/<script /g)).toHaveLength(1);
    expect(html).toContain(`src="${WIDGET_SCRIPT_PATH}" data-api-url="http://api.test/graphql" data-api-key="da2-test"`);
    expect(html.match(/<stockroom-stock /g)!.length).toBeGreaterThan(10);
  });

  it.each([
    ['GET', '/graphql'],
    ['POST', '/demo'],
    ['GET', '/elsewhere'],
  ])('passes %s %s on to the API handler', async (method, path) => {
    const res = await fetch(`${base}${path}`, { method });
    expect([res.status, await res.text()]).toEqual([404, 'api']);
  });
});
