/**
 * The storefront widget: its script's size (minified, gzipped; budget 10 KB) and, in headless
 * Chromium, the time from a stock mutation (`setStock`, sent from the page) to the widget's DOM
 * showing it — through DynamoDB Local's stream, the publisher, the real-time fan-out and the
 * shared WebSocket. p50/p95 over BENCH_WIDGET_CHANGES (100) changes, one at a time; target p95 < 150 ms.
 */
import { launchChromium } from '../tests/browser/helpers/chromium.js';
import { startStockroom } from '../local/server/start.js';
import { startDynamoLocal } from '../local/services/dynamodb-local.js';
import { buildWidget, gzippedSize, WIDGET_GZIP_BUDGET_BYTES } from '../widget/build.js';
import { WIDGET_SCRIPT_PATH } from '../widget/demo/page.js';
import { latencyTraceEnabled, takeLatencyTrace, traceKey } from '../local/services/latency-trace.js';
import { percentile } from './report.js';

const CHANGES = Number(process.env['BENCH_WIDGET_CHANGES'] ?? 100);
const PRODUCT = 'bench-widget-product';
const SET_STOCK = 'mutation($input: SetStockInput!) { setStock(input: $input) { version } }';

export interface WidgetReport {
  bundle: { minifiedBytes: number; gzippedBytes: number; budgetBytes: number };
  mutationToDom: { changes: number; p50Ms: number; p95Ms: number; maxMs: number; targetP95Ms: number };
  /** With STOCKROOM_TRACE_LATENCY=1: each hop's time since the previous one on the path, p50/p95 ms. */
  hops?: Record<string, { p50Ms: number; p95Ms: number; count: number }>;
}

/** The path a change takes, in order (page marks and server marks, local/services/latency-trace.ts). */
const HOP_ORDER = [
  'sent',
  'write',
  'event-publisher:poll-start',
  'event-publisher:records',
  'event-publisher:invoke',
  'publish-resolved',
  'fanout-sent',
  'ws-message',
  'dom',
] as const;
const SIDE_HOPS = ['resolved', 'http-done', 'stream-processor:records'] as const;

const WS_TIMES_SCRIPT = `(() => {
  const times = {};
  window.__wsTimes = times;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const at = performance.timeOrigin + performance.now();
        const match = /"available":(-?\\d+)/.exec(String(event.data));
        if (match) times[match[1]] ??= at;
      });
    }
  };
})();`;

interface PageMarks {
  available: number;
  sent: number;
  httpDone: number;
  wsMessage: number | undefined;
  dom: number;
}

export async function run(): Promise<WidgetReport> {
  const code = await buildWidget();
  const dynamo = await startDynamoLocal({ inMemory: true });
  const s = await startStockroom({
    dynamoEndpoint: dynamo.endpoint,
    stage: 'benchwidget',
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    log: () => undefined,
  });
  const browser = await launchChromium();
  try {
    const admin = async (input: Record<string, unknown>) => {
      const res = await fetch(s.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: s.adminToken },
        body: JSON.stringify({ query: SET_STOCK, variables: { input } }),
      });
      if (!res.ok) throw new Error(`setStock: ${res.status}`);
    };
    await admin({ productId: PRODUCT, warehouseId: 'north', onHand: 100, threshold: 10 });
    const base = s.graphqlUrl.replace(/\/graphql$/, '');
    const page = await browser.newPage();
    // When tracing: when each subscription message reached the page (before the widget's code ran).
    // A string, not a function: tsx would wrap a class expression in a helper the page lacks.
    await page.addInitScript(WS_TIMES_SCRIPT);
    await page.goto(`${base}/demo`);
    await page.setContent(
      `<!doctype html><html lang="en"><title>bench</title><main><stockroom-stock product="${PRODUCT}" warehouse="north" show-count></stockroom-stock></main>` +
        `<script src="${base}${WIDGET_SCRIPT_PATH}" data-api-url="${s.graphqlUrl}" data-api-key="${s.apiKey}"></script></html>`,
    );
    await page.waitForFunction(() => document.querySelector('stockroom-stock')?.getAttribute('available') === '100', undefined, {
      timeout: 30_000,
    });
    // Measured in the page: one clock, from sending the mutation to the widget's text changing.
    const marks: PageMarks[] = await page.evaluate(
      async ({ changes, graphqlUrl, token, product, query }) => {
        const widget = document.querySelector('stockroom-stock')!;
        const out: PageMarks[] = [];
        const wsTimes = (window as unknown as { __wsTimes: Record<string, number> }).__wsTimes;
        for (let i = 0; i < changes; i++) {
          const onHand = 200 + i;
          const shown = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (widget.getAttribute('available') === String(onHand)) {
                observer.disconnect();
                resolve(performance.timeOrigin + performance.now());
              }
            });
            observer.observe(widget, { attributes: true, attributeFilter: ['available'] });
          });
          const sent = performance.timeOrigin + performance.now();
          await fetch(graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify({ query, variables: { input: { productId: product, warehouseId: 'north', onHand } } }),
          });
          const httpDone = performance.timeOrigin + performance.now();
          const dom = await shown;
          out.push({ available: onHand, sent, httpDone, wsMessage: wsTimes[String(onHand)], dom });
        }
        return out;
      },
      { changes: CHANGES, graphqlUrl: s.graphqlUrl, token: s.adminToken, product: PRODUCT, query: SET_STOCK },
    );
    const sorted = marks.map((m) => m.dom - m.sent).sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      ...(latencyTraceEnabled() ? { hops: hopBreakdown(marks, round) } : {}),
      bundle: { minifiedBytes: Buffer.byteLength(code), gzippedBytes: gzippedSize(code), budgetBytes: WIDGET_GZIP_BUDGET_BYTES },
      mutationToDom: {
        changes: CHANGES,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        maxMs: round(sorted[sorted.length - 1] ?? 0),
        targetP95Ms: 150,
      },
    };
  } finally {
    await browser.close();
    await s.stop();
    await dynamo.stop();
  }
}

/** Per hop: the time since the previous hop of HOP_ORDER (side hops: since `sent`). */
function hopBreakdown(marks: readonly PageMarks[], round: (n: number) => number): NonNullable<WidgetReport['hops']> {
  const server = takeLatencyTrace();
  const deltas = new Map<string, number[]>();
  const add = (name: string, value: number) => deltas.set(name, [...(deltas.get(name) ?? []), value]);
  for (const m of marks) {
    const times: Record<string, number | undefined> = {
      ...server.get(traceKey(PRODUCT, 'north', m.available)),
      sent: m.sent,
      'http-done': m.httpDone,
      'ws-message': m.wsMessage,
      dom: m.dom,
    };
    for (let i = 1; i < HOP_ORDER.length; i++) {
      const from = times[HOP_ORDER[i - 1]!];
      const to = times[HOP_ORDER[i]!];
      if (from !== undefined && to !== undefined) add(`${HOP_ORDER[i - 1]} → ${HOP_ORDER[i]}`, to - from);
    }
    for (const hop of SIDE_HOPS) {
      const to = times[hop];
      if (to !== undefined) add(`sent → ${hop}`, to - m.sent);
    }
  }
  const out: NonNullable<WidgetReport['hops']> = {};
  for (const [name, values] of deltas) {
    const sorted = values.sort((a, b) => a - b);
    out[name] = { p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), count: sorted.length };
  }
  return out;
}
