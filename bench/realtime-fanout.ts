/**
 * Real-time fan-out: 1,000 subscriptions on one product over 50 connections, 100 on other products,
 * 200 stock changes published over HTTP with IAM (as the stream publisher does). Reports, per
 * delivered message, the latency from sending the publish request and from its response (the
 * server delivers before it answers, so "after response" is often ≤ 0), messages per second, and
 * the cost of evaluating one subscription's filter. Target: p95 < 100 ms. Sizes via BENCH_RT_*.
 */
import WebSocket from 'ws';
import { createStockChangePublisher } from '../functions/commons/stock-change-publisher.js';
import { startStockroom } from '../local/server/start.js';
import { startDynamoLocal } from '../local/services/dynamodb-local.js';

const CONNECTIONS = Number(process.env['BENCH_RT_CONNECTIONS'] ?? 50);
const HOT_SUBSCRIPTIONS = Number(process.env['BENCH_RT_HOT'] ?? 1000);
const OTHER_SUBSCRIPTIONS = Number(process.env['BENCH_RT_OTHER'] ?? 100);
const CHANGES = Number(process.env['BENCH_RT_CHANGES'] ?? 200);
const FIELDS = 'productId warehouseId available status sequence at';

export interface FanoutReport {
  subscriptions: number;
  connections: number;
  changes: number;
  messages: number;
  fromRequestMs: { p50: number; p95: number };
  afterResponseMs: { p50: number; p95: number };
  messagesPerSecond: number;
  filterMicrosPerSubscription: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function open(url: string, header: Record<string, string>): Promise<WebSocket> {
  const ws = new WebSocket(`${url}?header=${Buffer.from(JSON.stringify(header)).toString('base64')}&payload=e30=`, ['graphql-ws']);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve();
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
  });
  return ws;
}

export async function run(): Promise<FanoutReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const s = await startStockroom({
    dynamoEndpoint: dynamo.endpoint,
    stage: 'benchrt',
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    log: () => undefined,
  });
  const sockets: WebSocket[] = [];
  try {
    const header = { host: new URL(s.graphqlUrl).host, 'x-api-key': s.apiKey };
    const arrivals: { sequence: number; at: number }[] = [];
    const total = HOT_SUBSCRIPTIONS + OTHER_SUBSCRIPTIONS;
    let acks = 0;
    for (let c = 0; c < CONNECTIONS; c += 1) sockets.push(await open(s.realtimeUrl, header));
    for (const ws of sockets) {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; payload?: { data?: { onStockChanged?: { sequence: number } } } };
        if (frame.type === 'start_ack') acks += 1;
        const change = frame.payload?.data?.onStockChanged;
        if (frame.type === 'data' && change) arrivals.push({ sequence: change.sequence, at: performance.now() });
      });
    }
    for (let i = 0; i < total; i += 1) {
      const productId = i < HOT_SUBSCRIPTIONS ? 'hot' : `other-${i % 10}`;
      const data = JSON.stringify({
        query: `subscription($p: ID!) { onStockChanged(productId: $p) { ${FIELDS} } }`,
        variables: { p: productId },
      });
      sockets[i % CONNECTIONS]!.send(
        JSON.stringify({ id: `s${i}`, type: 'start', payload: { data, extensions: { authorization: header } } }),
      );
    }
    while (acks < total) await new Promise((r) => setTimeout(r, 20));

    const publish = createStockChangePublisher({ graphqlUrl: s.graphqlUrl, region: s.iam.region, credentials: () => s.iamCredentials });
    // Warm-up: signing, the resolver bundle and the HTTP path, on a product nobody subscribes to.
    for (let seq = 1; seq <= 20; seq += 1)
      await publish({
        productId: 'warmup',
        warehouseId: 'w1',
        onHand: 1,
        reserved: 0,
        available: 1,
        threshold: 0,
        status: 'IN_STOCK',
        sequence: seq,
        reason: null,
        at: new Date().toISOString(),
      });
    const sent = new Map<number, { request: number; response: number }>();
    const started = performance.now();
    for (let seq = 1; seq <= CHANGES; seq += 1) {
      const request = performance.now();
      await publish({
        productId: 'hot',
        warehouseId: 'w1',
        onHand: 1000 - seq,
        reserved: 0,
        available: 1000 - seq,
        threshold: 10,
        status: 'IN_STOCK',
        sequence: seq,
        reason: 'RESERVED',
        at: new Date().toISOString(),
      });
      sent.set(seq, { request, response: performance.now() });
    }
    const expected = CHANGES * HOT_SUBSCRIPTIONS;
    const deadline = Date.now() + 60_000;
    while (arrivals.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // A loop, not Math.max(...): 200,000 arguments overflow the call stack.
    const lastArrival = arrivals.reduce((latest, a) => Math.max(latest, a.at), started);
    const seconds = (lastArrival - started) / 1000;
    const fromRequest = arrivals.map((a) => a.at - sent.get(a.sequence)!.request).sort((x, y) => x - y);
    const afterResponse = arrivals.map((a) => a.at - sent.get(a.sequence)!.response).sort((x, y) => x - y);

    // Filter cost: a change no subscription matches, so every subscription is evaluated and none delivered.
    const rounds = 200;
    const t = performance.now();
    for (let i = 0; i < rounds; i += 1)
      s.realtime.publish({
        fieldName: 'publishStockChange',
        value: { productId: 'nobody', warehouseId: 'w1', sequence: i },
        invalidations: [],
      });
    const filterMicros = ((performance.now() - t) * 1000) / (rounds * total);

    return {
      subscriptions: total,
      connections: CONNECTIONS,
      changes: CHANGES,
      messages: arrivals.length,
      fromRequestMs: { p50: pct(fromRequest, 50), p95: pct(fromRequest, 95) },
      afterResponseMs: { p50: pct(afterResponse, 50), p95: pct(afterResponse, 95) },
      messagesPerSecond: arrivals.length / seconds,
      filterMicrosPerSubscription: filterMicros,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    await s.stop();
    await dynamo.stop();
  }
}

export function format(r: FanoutReport): string {
  const expected = r.changes * (r.subscriptions - OTHER_SUBSCRIPTIONS);
  return [
    `${r.subscriptions} subscriptions over ${r.connections} connections, ${r.changes} changes: ${r.messages}/${expected} messages`,
    `- publish request → message: p50 ${r.fromRequestMs.p50.toFixed(1)} ms, p95 ${r.fromRequestMs.p95.toFixed(1)} ms (target p95 < 100 ms: ${r.fromRequestMs.p95 < 100 ? 'met' : 'NOT met'})`,
    `- publish response → message: p50 ${r.afterResponseMs.p50.toFixed(1)} ms, p95 ${r.afterResponseMs.p95.toFixed(1)} ms (≤ 0: delivered before the response)`,
    `- ${r.messagesPerSecond.toFixed(0)} messages/s`,
    `- filter evaluation: ${r.filterMicrosPerSubscription.toFixed(2)} µs per subscription per change`,
  ].join('\n');
}
