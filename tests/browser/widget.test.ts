/**
 * The storefront widget in headless Chromium against a real `stockroom start` (its own state
 * folder): live status from reservations made through the API, a server restart survived, one
 * WebSocket and one subscription per ten products for a page of widgets, no serious axe findings.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STOCK } from '../../local/services/demo-data.js';
import { WIDGET_SCRIPT_PATH } from '../../widget/demo/page.js';
import { seriousA11yViolations } from './helpers/axe.js';
import { launchChromium } from './helpers/chromium.js';
import { saveScreenshot } from './helpers/screenshot.js';
import { startStockroomProcess, type StockroomProcess } from './helpers/stockroom-process.js';

const PRODUCT = 'pour-over-kettle';
const WAREHOUSE = 'north';
const stock = DEMO_STOCK.find((s) => s.productId === PRODUCT && s.warehouseId === WAREHOUSE)!;
const RESERVE = 'mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id status } }';
const RELEASE = 'mutation($id: ID!) { releaseReservation(id: $id) { id status } }';
// Reconnects back off up to 10 s (with jitter) while the server is down: a generous bound.
const LIVE = { timeout: 45_000, interval: 100 };

let server: StockroomProcess;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startStockroomProcess(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function openDemo(): Promise<{ page: Page; sockets: string[]; starts: string[][] }> {
  const page = await browser.newPage();
  const sockets: string[] = [];
  const starts: string[][] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; payload?: { data: string } };
      if (frame.type === 'start') starts.push((JSON.parse(frame.payload!.data) as { variables: { ids: string[] } }).variables.ids);
    });
  });
  await page.goto(`${server.baseUrl}/demo`);
  return { page, sockets, starts };
}

const badge = (page: Page, product: string, warehouse?: string) =>
  page.locator(`stockroom-stock[product="${product}"]${warehouse ? `[warehouse="${warehouse}"]` : ':not([warehouse])'}`);

async function reserveAll(): Promise<string> {
  const data = await server.admin<{ reserveStock: { id: string } }>(RESERVE, {
    input: { requestId: randomUUID(), lines: [{ productId: PRODUCT, warehouseId: WAREHOUSE, quantity: stock.onHand }] },
  });
  return data.reserveStock.id;
}

describe('<stockroom-stock> in Chromium', () => {
  it('goes Out of stock when the last unit is reserved through the API, and recovers on release', async () => {
    const { page } = await openDemo();
    const north = badge(page, PRODUCT, WAREHOUSE);
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('in-stock');

    const reservation = await reserveAll();
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('out-of-stock');
    // The live region (role=status) carries the words a screen reader announces.
    expect(await north.getByRole('status').textContent()).toBe('Out of stock');
    // Every warehouse together still has the south store's units.
    const online = badge(page, PRODUCT);
    await expect
      .poll(() => online.getByRole('status').textContent(), LIVE)
      .toBe(`In stock, ${DEMO_STOCK.find((s) => s.productId === PRODUCT && s.warehouseId === 'south')!.onHand} available`);
    await saveScreenshot(page, 'widget-out-of-stock');

    await server.admin(RELEASE, { id: reservation });
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('in-stock');
    await saveScreenshot(page, 'widget-recovered');
    await page.close();
  }, 90_000);

  it('survives a server restart (same state folder): it resumes and shows changes made after it', async () => {
    const { page, sockets } = await openDemo();
    const north = badge(page, PRODUCT, WAREHOUSE);
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('in-stock');

    await server.restart();
    const reservation = await reserveAll();
    // Resync after reconnecting (or the live change, whichever comes first) shows it.
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('out-of-stock');
    expect(sockets.length).toBeGreaterThan(1); // a new WebSocket after the restart
    // The resumed subscription is live: a release now arrives as a change.
    await server.admin(RELEASE, { id: reservation });
    await expect.poll(() => north.getAttribute('status'), LIVE).toBe('in-stock');
    expect(await north.getAttribute('stale')).toBeNull();
    await saveScreenshot(page, 'widget-after-restart');
    await page.close();
  }, 150_000);

  it('many widgets share one WebSocket and one subscription per ten products', async () => {
    const { page, sockets, starts } = await openDemo();
    await expect.poll(() => page.locator('stockroom-stock[status=loading]').count(), LIVE).toBe(0);
    const widgets = await page.locator('stockroom-stock').count();
    expect(widgets).toBeGreaterThan(10);
    expect(sockets).toHaveLength(1);
    expect(starts).toHaveLength(1);
    expect(new Set(starts[0]).size).toBe(starts[0]!.length);

    // 23 products on one page: three subscriptions (10, 10, 3) on the same socket.
    const products = Array.from({ length: 23 }, (_, i) => `bulk-product-${i}`);
    const bulk = await browser.newPage();
    const bulkSockets: string[] = [];
    const bulkStarts: number[] = [];
    bulk.on('websocket', (ws) => {
      bulkSockets.push(ws.url());
      ws.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; payload?: { data: string } };
        if (frame.type === 'start')
          bulkStarts.push((JSON.parse(frame.payload!.data) as { variables: { ids: string[] } }).variables.ids.length);
      });
    });
    const { graphqlUrl, apiKey } = server.facts();
    await bulk.setContent(
      `<!doctype html><html lang="en"><title>bulk</title><main>${products.map((p) => `<stockroom-stock product="${p}"></stockroom-stock>`).join('')}</main>` +
        `<script src="${server.baseUrl}${WIDGET_SCRIPT_PATH}" data-api-url="${graphqlUrl}" data-api-key="${apiKey}"></script></html>`,
    );
    await expect.poll(() => bulk.locator('stockroom-stock[status=out-of-stock]').count(), LIVE).toBe(products.length);
    expect(bulkSockets).toHaveLength(1);
    expect(bulkStarts.sort((a, b) => a - b)).toEqual([3, 10, 10]);
    await saveScreenshot(page, 'widget-demo-many');
    await bulk.close();
    await page.close();
  }, 90_000);

  it('the demo storefront has no serious or critical accessibility violations (axe-core)', async () => {
    const { page } = await openDemo();
    await expect.poll(() => page.locator('stockroom-stock[status=loading]').count(), LIVE).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, 'widget-demo-axe');
    await page.close();
  }, 60_000);
});
