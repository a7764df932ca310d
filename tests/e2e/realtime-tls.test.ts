/**
 * `--tls`: the API over HTTPS and the real-time endpoint over WSS with the state folder's
 * self-signed certificate, and an off-the-shelf client on it: `aws-amplify` v6
 * (`generateClient().graphql({query}).subscribe(...)`) receives a stock change written over HTTPS
 * and pushed by the stream publisher. The test trusts the generated certificate explicitly (the
 * `ws` package with `ca` as Amplify's global WebSocket, `https.request` with `ca` for HTTP).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { readConnectionFile } from '../../local/services/connection-file.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let stateDir: string;
let ca: string;

/** POST /graphql over HTTPS; `trusted: false` connects without the certificate (Node's default trust). */
function postGraphql(
  body: unknown,
  headers: Record<string, string>,
  trusted = true,
): Promise<{ status: number; body: { data?: Record<string, unknown>; errors?: unknown[] } }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      api.s.graphqlUrl,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(trusted ? { ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'stockroom-tls-e2e-'));
  api = await startTestApi({ tls: true, stateDir, writeConnectionFile: true });
  ca = readFileSync(api.s.tls!.certificate, 'utf8');
});
afterAll(async () => {
  await api?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('stockroom start --tls', () => {
  it('writes https/wss URLs and the certificate and key paths to local.json', () => {
    const facts = readConnectionFile(api.s.connectionFile!);
    expect(facts.graphqlUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(facts.realtimeUrl).toBe(facts.graphqlUrl.replace('https://', 'wss://') + '/realtime');
    expect(facts.tls).toEqual({ certificate: join(stateDir, 'tls', 'certificate.pem'), key: join(stateDir, 'tls', 'key.pem') });
  });

  it('answers GraphQL over HTTPS to a client that trusts the certificate', async () => {
    const r = await postGraphql(
      { query: '{ stockLevel(productId: "none", warehouseId: "none") { available } }' },
      { 'x-api-key': api.s.apiKey },
    );
    expect(r).toEqual({ status: 200, body: { data: { stockLevel: null } } });
  });

  it('is refused by a client that does not trust it', async () => {
    await expect(postGraphql({ query: '{ __typename }' }, { 'x-api-key': api.s.apiKey }, false)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('serves the real-time protocol over WSS', async () => {
    const host = new URL(api.s.graphqlUrl).host;
    const header = Buffer.from(JSON.stringify({ host, 'x-api-key': api.s.apiKey })).toString('base64url');
    const socket = new WebSocket(api.s.realtimeUrl, ['graphql-ws', `header-${header}`], { ca });
    const first = await new Promise<unknown>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('message', (data) => resolve(JSON.parse(String(data))));
      socket.once('error', reject);
    });
    socket.close();
    expect(first).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
  });
});

describe('aws-amplify v6 over --tls', () => {
  it('generateClient().graphql({query}).subscribe(...) receives a stock change', async () => {
    // Node 20 has no global WebSocket: Amplify gets the `ws` package's, trusting the certificate.
    const trustingWebSocket = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[], options?: ClientOptions) {
        super(url, protocols, { ...options, ca });
      }
    };
    const previous = (globalThis as { WebSocket?: unknown }).WebSocket;
    Object.assign(globalThis, { WebSocket: trustingWebSocket });
    const { Amplify } = await import('aws-amplify');
    const { generateClient } = await import('aws-amplify/api');
    Amplify.configure({
      API: { GraphQL: { endpoint: api.s.graphqlUrl, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: api.s.apiKey } },
    });
    const client = generateClient();
    const received: unknown[] = [];
    const observable = client.graphql({
      query: 'subscription($p: ID!) { onStockChanged(productId: $p) { productId warehouseId available status sequence } }',
      variables: { p: 'amplify-1' },
    }) as unknown as { subscribe(o: { next(v: unknown): void; error(e: unknown): void }): { unsubscribe(): void } };
    const subscription = observable.subscribe({ next: (value) => received.push(value), error: (e) => received.push({ error: e }) });
    try {
      // Registered on the server (start_ack sent) before the change is written.
      for (let i = 0; i < 400 && api.s.realtime.subscriptionCount() === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(api.s.realtime.subscriptionCount()).toBe(1);
      const set = await postGraphql(
        {
          query: 'mutation($i: SetStockInput!) { setStock(input: $i) { sequence } }',
          variables: { i: { productId: 'amplify-1', warehouseId: 'wh-amplify', onHand: 7, threshold: 2 } },
        },
        { authorization: api.s.adminToken },
      );
      expect(set.body.errors).toBeUndefined();
      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual([
        { data: { onStockChanged: { productId: 'amplify-1', warehouseId: 'wh-amplify', available: 7, status: 'IN_STOCK', sequence: 1 } } },
      ]);
    } finally {
      subscription.unsubscribe();
      Object.assign(globalThis, { WebSocket: previous });
    }
  });
});
