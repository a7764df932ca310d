/**
 * The admin app: bundle size (raw and gzipped, from a fresh `npm run build:admin`), and in
 * headless Chromium against a real local server, the inventory table with 5,000 rows: time from
 * opening the screen to 5,000 rows in the DOM, and per live change (a setStock on a product shown
 * in the table), the time from the mutation to the row's DOM update. The 5,000 rows are one
 * `inventoryItems` page fulfilled by the page's network layer (the server answers at most 100
 * items a page, and the table's cost is what is measured, not 50 pages of "Load more");
 * everything else is the real API. Rows via BENCH_ADMIN_ROWS, changes BENCH_ADMIN_CHANGES.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ADMIN_DIST_DIR, ensureAdminBuild } from '../local/server/admin-route/build-on-demand.js';
import { startStockroom } from '../local/server/start.js';
import { CHROMIUM_ARGS } from '../tests/browser/admin/harness.js';

const ROWS = Number(process.env['BENCH_ADMIN_ROWS'] ?? 5000);
const CHANGES = Number(process.env['BENCH_ADMIN_CHANGES'] ?? 30);
const LIVE = { productId: 'espresso-beans-1kg', warehouseId: 'north' };

export interface AdminUiReport {
  bundle: { file: string; bytes: number; gzipBytes: number }[];
  rows: number;
  initialRenderMs: number;
  liveUpdateMs: { p50: number; p95: number; changes: number };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function bundleSizes(): AdminUiReport['bundle'] {
  const assets = join(ADMIN_DIST_DIR, 'assets');
  return readdirSync(assets).map((file) => {
    const body = readFileSync(join(assets, file));
    return { file, bytes: statSync(join(assets, file)).size, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
}

function fakeRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    ...(i === 0 ? LIVE : { productId: `bench-product-${String(i).padStart(5, '0')}`, warehouseId: i % 2 ? 'north' : 'south' }),
    category: 'bench',
    onHand: 100,
    reserved: 0,
    available: 100,
    threshold: 10,
    status: 'IN_STOCK',
    version: 1,
    sequence: 1,
    updatedAt: new Date().toISOString(),
  }));
}

export async function run(): Promise<AdminUiReport> {
  await ensureAdminBuild(() => undefined);
  const bundle = bundleSizes();
  const s = await startStockroom({ inMemory: true, port: 0, writeConnectionFile: false, schedules: false, log: () => undefined });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const rows = JSON.stringify({ data: { inventoryItems: { items: fakeRows(ROWS), nextToken: null } } });
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('inventoryItems(')) return route.fulfill({ status: 200, contentType: 'application/json', body: rows });
      return route.continue();
    });
    const admin = s.graphqlUrl.replace(/\/graphql$/, '/admin/');
    await page.goto(`${admin}#/keys`);
    await page.getByRole('button', { name: 'Sign in as dev admin' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    // A string, not a function: tsx's name-keeping helper (`__name`) does not exist in the page.
    const initialRenderMs = await page.evaluate<number>(`new Promise((resolve) => {
      const started = performance.now();
      location.hash = '#/inventory';
      (function check() {
        if (document.querySelectorAll('tr[data-row]').length >= ${ROWS}) resolve(performance.now() - started);
        else requestAnimationFrame(check);
      })();
    })`);
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });

    const cell = page.locator(`tr[data-row="${LIVE.productId}/${LIVE.warehouseId}"] [data-col="onHand"]`);
    const latencies: number[] = [];
    for (let i = 1; i <= CHANGES; i += 1) {
      const onHand = 1000 + i;
      const started = performance.now();
      await fetch(s.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: s.adminToken },
        body: JSON.stringify({
          query: 'mutation($i: SetStockInput!) { setStock(input: $i) { version } }',
          variables: { i: { ...LIVE, onHand } },
        }),
      });
      await cell.filter({ hasText: String(onHand) }).waitFor({ timeout: 30_000 });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    return {
      bundle,
      rows: ROWS,
      initialRenderMs: Math.round(initialRenderMs),
      liveUpdateMs: { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)), changes: CHANGES },
    };
  } finally {
    await browser.close();
    await s.stop();
  }
}

export function format(r: AdminUiReport): string {
  return [
    ...r.bundle.map((b) => `bundle ${b.file}: ${(b.bytes / 1024).toFixed(1)} KB (${(b.gzipBytes / 1024).toFixed(1)} KB gzipped)`),
    `inventory table, ${r.rows} rows: first render ${r.initialRenderMs} ms`,
    `live change (setStock → row updated in the DOM, ${r.rows} rows on screen): p50 ${r.liveUpdateMs.p50} ms, p95 ${r.liveUpdateMs.p95} ms over ${r.liveUpdateMs.changes}`,
  ].join('\n');
}
