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
import { percentile } from './report.js';

const CHANGES = Number(process.env['BENCH_WIDGET_CHANGES'] ?? 100);
const PRODUCT = 'bench-widget-product';
const SET_STOCK = 'mutation($input: SetStockInput!) { setStock(input: $input) { version } }';

export interface WidgetReport {
  bundle: { minifiedBytes: number; gzippedBytes: number; budgetBytes: number };
  mutationToDom: { changes: number; p50Ms: number; p95Ms: number; maxMs: number; targetP95Ms: number };
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
    await page.goto(`${base}/demo`);
    await page.setContent(
      `<!doctype html><html lang="en"><title>bench</title><main><stockroom-stock product="${PRODUCT}" warehouse="north" show-count></stockroom-stock></main>` +
        `<script src="${base}${WIDGET_SCRIPT_PATH}" data-api-url="${s.graphqlUrl}" data-api-key="${s.apiKey}"></script></html>`,
    );
    await page.waitForFunction(() => document.querySelector('stockroom-stock')?.getAttribute('available') === '100', undefined, {
      timeout: 30_000,
    });
    // Measured in the page: one clock, from sending the mutation to the widget's text changing.
    const latencies = await page.evaluate(
      async ({ changes, graphqlUrl, token, product, query }) => {
        const widget = document.querySelector('stockroom-stock')!;
        const out: number[] = [];
        for (let i = 0; i < changes; i++) {
          const onHand = 200 + i;
          const shown = new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              if (widget.getAttribute('available') === String(onHand)) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(widget, { attributes: true, attributeFilter: ['available'] });
          });
          const started = performance.now();
          await fetch(graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify({ query, variables: { input: { productId: product, warehouseId: 'north', onHand } } }),
          });
          await shown;
          out.push(performance.now() - started);
        }
        return out;
      },
      { changes: CHANGES, graphqlUrl: s.graphqlUrl, token: s.adminToken, product: PRODUCT, query: SET_STOCK },
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
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
