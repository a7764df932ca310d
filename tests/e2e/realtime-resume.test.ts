/**
 * Resume without loss (clients/realtime): stock changes keep coming while the server cuts every
 * real-time connection twice. The admin client (ledger catch-up) ends with every sequence after
 * its start, once, in order; the widget (storefront key, resync) ends showing the current stock.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, createGraphqlCall, watchStock, type StockChange, type WebSocketFactory } from '../../clients/realtime/index.js';
import { createItemPublisher } from '../local/server/realtime/support/stock-changes.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let items: ReturnType<typeof createItemPublisher>;

beforeAll(async () => {
  api = await startTestApi();
  items = createItemPublisher(api);
});
afterAll(async () => {
  items?.close();
  await api?.stop();
});

const RECEIVE = 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { sequence } }';
const SET = 'mutation($input: SetStockInput!) { setStock(input: $input) { sequence } }';

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function watcher(auth: Record<string, string>, catchUp: 'ledger' | 'resync') {
  const seen: StockChange[] = [];
  const errors: Error[] = [];
  const statuses: string[] = [];
  let synced = 0;
  const connection = createConnection({
    graphqlUrl: api.s.graphqlUrl,
    auth: () => auth,
    WebSocket: WebSocket as unknown as WebSocketFactory,
    backoff: { initialMs: 50, maxMs: 500 },
    onStatus: (s) => statuses.push(s),
  });
  const stop = watchStock({
    connection,
    graphql: createGraphqlCall(api.s.graphqlUrl, () => auth),
    productId: 'resume-1',
    warehouseId: 'wh-r',
    catchUp,
    onChange: (c) => seen.push(c),
    onError: (e) => errors.push(e),
    onSynced: () => (synced += 1),
  });
  return { seen, errors, statuses, synced: () => synced, close: () => (stop(), connection.close()) };
}

describe('a resuming client', () => {
  it('loses and repeats nothing across dropped connections while changes continue', async () => {
    await api.gql(api.admin, SET, { input: { productId: 'resume-1', warehouseId: 'wh-r', onHand: 100, threshold: 50 } });
    const start = await items.publishItem('resume-1', 'wh-r');
    const admin = watcher({ Authorization: api.s.adminToken }, 'ledger');
    const widget = watcher({ 'x-api-key': api.s.apiKey }, 'resync');
    await until(() => admin.synced() >= 1 && widget.synced() >= 1, 'the first sync');

    let final = start;
    for (let i = 1; i <= 40; i += 1) {
      const r = await api.gql<{ receiveStock: { sequence: number } }>(api.admin, RECEIVE, {
        input: { productId: 'resume-1', warehouseId: 'wh-r', quantity: 1 },
      });
      expect(r.body.errors).toBeUndefined();
      // Every third change is published twice (at-least-once delivery): clients must drop repeats.
      final = await items.publishItem('resume-1', 'wh-r');
      if (i % 3 === 0) await items.publishItem('resume-1', 'wh-r');
      if (i === 10 || i === 25) expect(api.s.realtime.dropConnections()).toBe(2);
    }
    await until(() => admin.seen.at(-1)?.sequence === final && widget.seen.at(-1)?.sequence === final, `both clients at sequence ${final}`);

    const expected = Array.from({ length: final - start }, (_, i) => start + 1 + i);
    expect(admin.seen.map((c) => c.sequence)).toEqual(expected);
    expect(admin.seen.at(-1)).toMatchObject({ onHand: 140, available: 140, status: 'IN_STOCK' });
    const current = await api.gql<{ stockLevel: { available: number; status: string; sequence: number } }>(
      api.apiKey,
      'query { stockLevel(productId: "resume-1", warehouseId: "wh-r") { available status sequence } }',
    );
    expect(widget.seen.at(-1)).toMatchObject(current.body.data!.stockLevel);
    // Sequences only ever increase for the widget too (a repeat or an older one is dropped).
    expect(widget.seen.map((c) => c.sequence)).toEqual([...new Set(widget.seen.map((c) => c.sequence))].sort((a, b) => a - b));
    expect(admin.statuses.filter((s) => s === 'connected').length).toBeGreaterThanOrEqual(3);
    expect([...admin.errors, ...widget.errors]).toEqual([]);
    admin.close();
    widget.close();
  }, 90_000);
});
