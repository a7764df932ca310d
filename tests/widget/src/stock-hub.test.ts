/**
 * The widget's hub over a scripted AppSync socket: one socket and one subscription per ten
 * products, late products joining the last subscription, changes kept by sequence, and a resync
 * from productStock after every (re)start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocketLike } from '../../../clients/realtime/connection.js';
import { createStockHub, MAX_PRODUCTS_PER_SUBSCRIPTION, type ProductUpdate, type StockHub } from '../../../widget/src/stock-hub.js';

interface Frame {
  type: string;
  id?: string;
  payload?: { data: string };
}

class ScriptedSocket implements WebSocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  readonly sent: Frame[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor() {
    ScriptedSocket.all.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(data: string): void {
    const frame = JSON.parse(data) as Frame;
    this.sent.push(frame);
    if (frame.type === 'connection_init') this.receive({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    if (frame.type === 'start') this.receive({ type: 'start_ack', id: frame.id });
  }
  receive(frame: unknown): void {
    setTimeout(() => this.onmessage?.({ data: JSON.stringify(frame) }));
  }
  close(): void {
    this.readyState = 3;
    setTimeout(() => this.onclose?.({}));
  }
  starts(): { id: string; ids: string[] }[] {
    return this.sent
      .filter((f) => f.type === 'start')
      .map((f) => ({ id: f.id!, ids: (JSON.parse(f.payload!.data) as { variables: { ids: string[] } }).variables.ids }));
  }
}

/** productStock answers from this table (productId → items); every call is counted. */
const stockTable = new Map<string, { warehouseId: string; available: number; status: string; sequence: number }[]>();
const resyncs: string[] = [];
const fakeFetch = (async (_url: string, init: { body: string }) => {
  const { variables } = JSON.parse(init.body) as { variables: { p: string } };
  resyncs.push(variables.p);
  const items = stockTable.get(variables.p)?.map((i) => ({ productId: variables.p, ...i }));
  return new Response(JSON.stringify({ data: { productStock: items ? { items } : null } }));
}) as unknown as typeof fetch;

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
/** Waits (bounded) until `check` holds; the scripted socket answers on timers. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end;) await tick(10);
  expect(check()).toBe(true);
}
let hub: StockHub | undefined;
afterEach(() => {
  hub?.close();
  ScriptedSocket.all = [];
  stockTable.clear();
  resyncs.length = 0;
});
const newHub = () =>
  (hub = createStockHub({ graphqlUrl: 'http://127.0.0.1:1/graphql', apiKey: 'k', WebSocket: ScriptedSocket, fetch: fakeFetch }));

describe('createStockHub', () => {
  it('opens one socket and one subscription per ten products for widgets attached in one task', async () => {
    const h = newHub();
    const products = Array.from({ length: 12 }, (_, i) => `p${i}`);
    for (const p of [...products, ...products]) h.watch(p, () => undefined);
    await until(() => resyncs.length === products.length);
    expect(ScriptedSocket.all).toHaveLength(1);
    expect(ScriptedSocket.all[0]!.starts().map((s) => s.ids.length)).toEqual([MAX_PRODUCTS_PER_SUBSCRIPTION, 2]);
    expect(resyncs.sort()).toEqual([...products].sort());
  });

  it('a product attached later joins the last subscription (restarted with it), not a new one', async () => {
    const h = newHub();
    h.watch('a', () => undefined);
    await until(() => resyncs.length === 1);
    h.watch('b', () => undefined);
    await until(() => resyncs.length === 3);
    const socket = ScriptedSocket.all[0]!;
    expect(socket.starts().map((s) => s.ids)).toEqual([['a'], ['a', 'b']]);
    expect(socket.sent.filter((f) => f.type === 'stop').map((f) => f.id)).toEqual([socket.starts()[0]!.id]);
    expect(h.subscriptionCount()).toBe(1);
  });

  it('keeps the newest state per item by sequence: older and repeated changes change nothing', async () => {
    stockTable.set('a', [{ warehouseId: 'north', available: 5, status: 'IN_STOCK', sequence: 7 }]);
    const h = newHub();
    const seen: ProductUpdate[] = [];
    h.watch('a', (u) => seen.push({ ...u, items: new Map(u.items) }));
    await until(() => seen.length === 1);
    const socket = ScriptedSocket.all[0]!;
    const id = socket.starts()[0]!.id;
    const change = (sequence: number, available: number) =>
      socket.receive({
        type: 'data',
        id,
        payload: {
          data: { onStockChangedForProducts: { productId: 'a', warehouseId: 'north', available, status: 'LOW_STOCK', sequence } },
        },
      });
    change(6, 100); // older than the resync
    change(8, 2);
    change(8, 2); // delivered twice
    await until(() => seen.length >= 2);
    await tick(50);
    expect(seen.map((u) => u.items.get('north')?.sequence)).toEqual([7, 8]);
    expect(seen.at(-1)!.items.get('north')).toEqual({ warehouseId: 'north', available: 2, status: 'LOW_STOCK', sequence: 8 });
  });

  it('after a lost connection it is stale, reconnects, restarts the subscription and resyncs', async () => {
    stockTable.set('a', [{ warehouseId: 'north', available: 5, status: 'IN_STOCK', sequence: 1 }]);
    const h = newHub();
    const seen: ProductUpdate[] = [];
    h.watch('a', (u) => seen.push({ ...u, items: new Map(u.items) }));
    await until(() => seen.length === 1);
    stockTable.set('a', [{ warehouseId: 'north', available: 0, status: 'OUT_OF_STOCK', sequence: 3 }]);
    ScriptedSocket.all[0]!.close();
    await until(() => seen.at(-1)?.items.get('north')?.sequence === 3); // the first backoff is at most 250 ms
    expect(ScriptedSocket.all).toHaveLength(2);
    expect(ScriptedSocket.all[1]!.starts().map((s) => s.ids)).toEqual([['a']]);
    expect(seen.some((u) => u.stale)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ stale: false });
    expect(seen.at(-1)!.items.get('north')).toMatchObject({ available: 0, sequence: 3 });
    expect(resyncs).toEqual(['a', 'a']);
  });
});
