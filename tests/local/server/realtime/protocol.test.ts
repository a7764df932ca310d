/**
 * AppSync's real-time protocol on /graphql/realtime, spoken by a client written from AWS's page
 * "Building a real-time WebSocket client in AWS AppSync": handshake, ack and keep-alives,
 * start/data/stop/complete, protocol errors that never crash the server, limits, idle timeout.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../e2e/helpers/local-api.js';
import { authHeader, RealtimeTestClient } from './support/protocol-client.js';
import { change, ON_STOCK_CHANGED, publish } from './support/stock-changes.js';

let api: TestApi;
let host: string;
let realtimeUrl: string;

beforeAll(async () => {
  api = await startTestApi({ realtime: { keepAliveMs: 200, idleTimeoutMs: 3000, maxSubscriptions: 100 } });
  realtimeUrl = api.s.realtimeUrl;
  host = new URL(api.s.graphqlUrl).host;
});
afterAll(async () => api?.stop());

async function connected(): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.open(realtimeUrl, { host, 'x-api-key': api.s.apiKey });
  const ack = await client.init();
  expect(ack.type).toBe('connection_ack');
  return client;
}

const apiKeyAuth = () => ({ host, 'x-api-key': api.s.apiKey });

describe('handshake', () => {
  it.each(['query', 'subprotocol'] as const)('accepts the header object in the %s and acks with connectionTimeoutMs', async (via) => {
    const client = await RealtimeTestClient.open(realtimeUrl, await authHeader(host, { apiKey: api.s.apiKey }), via);
    expect(client.socket.protocol).toBe('graphql-ws');
    const ack = await client.init();
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    client.close();
  });

  it('sends ka keep-alives after the ack', async () => {
    const client = await connected();
    const acked = client.frames.length;
    await client.next((f) => f.type === 'ka', 5000, acked);
    await client.next((f) => f.type === 'ka', 5000, client.frames.findIndex((f, i) => i >= acked && f.type === 'ka') + 1);
    client.close();
  });

  it('refuses an upgrade without the graphql-ws subprotocol', async () => {
    await expect(RealtimeTestClient.open(realtimeUrl, apiKeyAuth(), 'query', ['graphql-transport-ws'])).rejects.toThrow(
      /upgrade refused: 400/,
    );
  });

  it('refuses other paths', async () => {
    await expect(RealtimeTestClient.open(realtimeUrl.replace('/graphql/realtime', '/graphql/other'), apiKeyAuth())).rejects.toThrow(
      /upgrade refused: 404/,
    );
  });

  it.each([
    ['a wrong API key', () => ({ host, 'x-api-key': 'da2-wrong' })],
    ['no credential', () => ({ host })],
    ['another host', () => ({ host: 'example.com', 'x-api-key': api.s.apiKey })],
    ['no host', () => ({ 'x-api-key': api.s.apiKey })],
    ['an invalid token', () => ({ host, Authorization: 'eyJhbGciOiJIUzI1NiJ9.e30.x' })],
  ])('answers %s with connection_error and closes', async (_name, header) => {
    const client = await RealtimeTestClient.open(realtimeUrl, header() as Record<string, string>);
    const answer = await client.init();
    expect(answer.type).toBe('connection_error');
    expect(answer.payload?.errors?.[0]?.errorType).toBe('UnauthorizedException');
    await client.waitClosed();
  });

  it('answers an unreadable header parameter with connection_error', async () => {
    const client = await RealtimeTestClient.open(`${realtimeUrl}?header=%%%notbase64&payload=e30=`, undefined);
    expect((await client.init()).type).toBe('connection_error');
  });
});

describe('subscriptions', () => {
  it('start → start_ack, data for matching changes, stop → complete, then nothing more', async () => {
    const client = await connected();
    expect(await client.start('s1', ON_STOCK_CHANGED(), { p: 'proto-1' }, apiKeyAuth())).toEqual({ type: 'start_ack', id: 's1' });
    await publish(api, change('proto-1', 1));
    const data = await client.next((f) => f.type === 'data' && f.id === 's1');
    expect(data.payload).toEqual({
      data: {
        onStockChanged: {
          productId: 'proto-1',
          warehouseId: 'wh-1',
          available: 99,
          status: 'IN_STOCK',
          sequence: 1,
          at: expect.any(String),
        },
      },
    });
    client.send({ type: 'stop', id: 's1' });
    await client.next((f) => f.type === 'complete' && f.id === 's1');
    await publish(api, change('proto-1', 2));
    await publish(api, change('proto-1', 3));
    // The sequence-3 publish completed over HTTP: had it been delivered, it would be here by now.
    expect(client.dataFor('s1')).toHaveLength(1);
    client.close();
  });

  it('a start before connection_ack is ignored', async () => {
    const client = await RealtimeTestClient.open(realtimeUrl, apiKeyAuth());
    client.send({ id: 'early', type: 'start', payload: { data: JSON.stringify({ query: ON_STOCK_CHANGED(), variables: { p: 'x' } }) } });
    await client.init();
    client.send({ id: 'early', type: 'stop' });
    const answer = await client.next((f) => f.id === 'early');
    expect(answer.payload?.errors?.[0]?.errorType).toBe('UnknownOperationError');
    client.close();
  });
});

describe('protocol errors keep the connection open', () => {
  it.each([
    ['a frame that is not JSON', 'MalformedMessage', 'not json'],
    ['a frame without type', 'MalformedMessage', '{"id":"1"}'],
    ['an unknown type', 'UnsupportedOperation', '{"type":"subscribe","id":"1"}'],
    ['a start without id', 'MalformedMessage', '{"type":"start","payload":{"data":"{}"}}'],
    ['a start whose data is an object', 'MalformedMessage', '{"type":"start","id":"1","payload":{"data":{"query":"subscription { x }"}}}'],
    ['a start whose data is not JSON', 'MalformedMessage', '{"type":"start","id":"1","payload":{"data":"{"}}'],
    ['a stop of an unknown id', 'UnknownOperationError', '{"type":"stop","id":"nope"}'],
  ])('%s → error %s', async (_name, errorType, frame) => {
    const client = await connected();
    const from = client.frames.length;
    client.send(frame);
    const answer = await client.next((f) => f.type === 'error', 5000, from);
    expect(answer.payload?.errors?.[0]?.errorType).toBe(errorType);
    expect(await client.start('after', ON_STOCK_CHANGED(), { p: 'alive' }, apiKeyAuth())).toMatchObject({ type: 'start_ack' });
    client.close();
  });

  it.each([
    ['a query', 'UnsupportedOperation', 'query { stockLevel(productId: "p", warehouseId: "w") { available } }'],
    ['a mutation', 'UnsupportedOperation', 'mutation { repairInventory(productId: "p", warehouseId: "w") { available } }'],
    ['invalid syntax', 'InvalidSyntax', 'subscription {'],
    ['an unknown field', 'ValidationError', 'subscription { onNothing { x } }'],
    ['a missing required argument', 'ValidationError', 'subscription { onStockChanged { sequence } }'],
  ])('a start with %s → error %s', async (_name, errorType, query) => {
    const client = await connected();
    const answer = await client.start('bad', query, {}, apiKeyAuth());
    expect(answer).toMatchObject({ type: 'error', id: 'bad' });
    expect(answer.payload?.errors?.[0]?.errorType).toBe(errorType);
    client.close();
  });

  it('a duplicate id → DuplicatedOperationError; the first subscription stays', async () => {
    const client = await connected();
    await client.start('dup', ON_STOCK_CHANGED(), { p: 'dup-1' }, apiKeyAuth());
    const second = await client.start('dup', ON_STOCK_CHANGED(), { p: 'dup-2' }, apiKeyAuth());
    expect(second.payload?.errors?.[0]?.errorType).toBe('DuplicatedOperationError');
    await publish(api, change('dup-1', 1));
    await client.next((f) => f.type === 'data' && f.id === 'dup');
    client.close();
  });

  it('the 101st subscription of a connection → MaxSubscriptionsReachedError', async () => {
    const client = await connected();
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) => client.start(`m${i}`, ON_STOCK_CHANGED(), { p: `max-${i}` }, apiKeyAuth())),
    );
    expect(acks.every((a) => a.type === 'start_ack')).toBe(true);
    const over = await client.start('m100', ON_STOCK_CHANGED(), { p: 'max-100' }, apiKeyAuth());
    expect(over.payload?.errors?.[0]).toEqual({
      errorType: 'MaxSubscriptionsReachedError',
      message: 'Max number of 100 subscriptions reached',
    });
    client.close();
  });

  it('binary frames and abrupt disconnects do not crash the server', async () => {
    const client = await connected();
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.next((f) => f.type === 'error');
    await client.start('abrupt', ON_STOCK_CHANGED(), { p: 'abrupt' }, apiKeyAuth());
    client.socket.terminate();
    await publish(api, change('abrupt', 1));
    const other = await connected();
    expect(await other.start('ok', ON_STOCK_CHANGED(), { p: 'abrupt' }, apiKeyAuth())).toMatchObject({ type: 'start_ack' });
    other.close();
  });
});

describe('timeouts', () => {
  it('closes a connection that never initialises or holds no subscription', async () => {
    const silent = await RealtimeTestClient.open(realtimeUrl, apiKeyAuth());
    const idle = await connected();
    expect((await silent.waitClosed(15_000)).code).toBe(1000);
    expect((await idle.waitClosed(15_000)).code).toBe(1000);
  });

  it('keeps a connection with a subscription open past the idle timeout', async () => {
    const client = await connected();
    await client.start('keep', ON_STOCK_CHANGED(), { p: 'keep' }, apiKeyAuth());
    const watcher = await RealtimeTestClient.open(realtimeUrl, apiKeyAuth());
    await watcher.waitClosed(15_000); // the idle timeout has passed
    expect(client.closed).toBeUndefined();
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.close();
  });
});

describe('message size limit', () => {
  it('delivers a message of exactly maxMessageBytes and refuses one byte more with MessageTooLarge', async () => {
    const at = '2026-12-02T00:00:00.000Z';
    const item = { productId: 'size-1', warehouseId: 'wh-1', available: 99, status: 'IN_STOCK', sequence: 1, at };
    const frame = (id: string) => JSON.stringify({ type: 'data', id, payload: { data: { onStockChanged: item } } });
    // Two subscribers share one payload (same query, variables and key); only their ids differ, by one byte.
    const limit = Buffer.byteLength(frame('fit'));
    const sized = await startTestApi({ realtime: { maxMessageBytes: limit } });
    try {
      const sizedHost = new URL(sized.s.graphqlUrl).host;
      const auth = { host: sizedHost, 'x-api-key': sized.s.apiKey };
      const client = await RealtimeTestClient.open(sized.s.realtimeUrl, auth);
      await client.init();
      await client.start('fit', ON_STOCK_CHANGED(), { p: 'size-1' }, auth);
      await client.start('over', ON_STOCK_CHANGED(), { p: 'size-1' }, auth);
      await publish(sized, change('size-1', 1, { at }));
      const delivered = await client.next((f) => f.type === 'data' && f.id === 'fit');
      expect(delivered.payload).toEqual({ data: { onStockChanged: item } });
      const refused = await client.next((f) => f.type === 'error' && f.id === 'over');
      expect(refused.payload?.errors?.[0]?.errorType).toBe('MessageTooLarge');
      expect(client.dataFor('over')).toHaveLength(0);
      client.close();
    } finally {
      await sized.stop();
    }
  });
});
