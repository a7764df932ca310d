/**
 * Inventory screens in Chromium against a real local server: the table reads `inventoryItems`
 * (filters by warehouse and status) and searches by product name, a stock edit in one tab reaches
 * another tab live, the table resumes after a dropped WebSocket without a stale row, and a
 * compare-and-set conflict between two tabs is shown and resolved.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

// Chromium and a whole server on a shared 2-core machine: generous bounded waits, no timing asserts.
const WAIT = { timeout: 20_000 };
let h: AdminHarness;

interface Indexed {
  inventoryItems: { items: { productId: string; warehouseId: string; category: string | null }[] };
}

beforeAll(async () => {
  h = await startAdminHarness();
  // The browse index follows the change stream: wait until it lists every demo item with its category.
  for (let attempt = 0; ; attempt += 1) {
    const r = await h.gql<Indexed>('{ inventoryItems(limit: 100) { items { productId warehouseId category } } }');
    if (r.inventoryItems.items.filter((i) => i.category !== null).length >= 28) break;
    if (attempt === 300) throw new Error('the browse index did not list the demo items within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);

const rowKeys = (page: Page) => page.locator('tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
afterAll(async () => h?.stop(), 60_000);

describe('admin inventory', { timeout: 120_000 }, () => {
  it('an edit on the item page updates the inventory table in another tab live, the row marked', async () => {
    const table = await h.signedInPage('#/inventory');
    const row = table.locator('tr[data-row="espresso-beans-1kg/north"]');
    await expect.poll(() => row.locator('[data-col="onHand"]').textContent(), WAIT).toBe('120');
    await table.getByText('Live', { exact: true }).waitFor(WAIT);

    const item = await h.signedInPage('#/items/espresso-beans-1kg/north');
    await item.getByTestId('onhand').waitFor(WAIT);
    await item.getByRole('button', { name: 'Edit on hand / threshold' }).click();
    await item.getByLabel('On hand', { exact: true }).fill('77');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.getByTestId('onhand').textContent(), WAIT).toBe('77');

    await expect.poll(() => row.locator('[data-col="onHand"]').textContent(), WAIT).toBe('77');
    expect(await row.getAttribute('class')).toContain('changed');
    await expect.poll(() => row.textContent(), WAIT).toContain('updated');
    // The ledger on the item page shows the edit with its actor and deltas.
    await expect.poll(() => item.locator('table').last().textContent(), WAIT).toContain('ADMIN_SET');
    await screenshot(table, 'inventory-live-row');
    await screenshot(item, 'item-page-after-edit');
    expect(await seriousViolations(table)).toEqual([]);
    expect(await seriousViolations(item)).toEqual([]);
  });

  it('a version conflict between two tabs shows both values; re-applying wins on the new version', async () => {
    const first = await h.signedInPage('#/items/oat-milk-1l/north');
    const second = await h.signedInPage('#/items/oat-milk-1l/north');
    for (const page of [first, second]) {
      await page.getByTestId('onhand').waitFor(WAIT);
      await page.getByRole('button', { name: 'Edit on hand / threshold' }).click();
    }
    await first.getByLabel('On hand', { exact: true }).fill('111');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => first.getByTestId('onhand').textContent(), WAIT).toBe('111');

    await second.getByLabel('On hand', { exact: true }).fill('222');
    await second.getByRole('button', { name: 'Save' }).click();
    const alert = second.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.getAttribute('data-error-type')).toBe('VersionConflict');
    expect(await alert.textContent()).toContain('Someone else changed this record');
    expect(await second.getByTestId('mine-onhand').textContent()).toBe('222');
    expect(await second.getByTestId('theirs-onhand').textContent()).toBe('111');
    await screenshot(second, 'item-version-conflict');
    expect(await seriousViolations(second)).toEqual([]);

    await second.getByRole('button', { name: 'Re-apply my change' }).click();
    await expect.poll(() => second.getByTestId('onhand').textContent(), WAIT).toBe('222');
    // The first tab sees the resolution live.
    await expect.poll(() => first.getByTestId('onhand').textContent(), WAIT).toBe('222');
  });

  it('filters by warehouse and status on the browse index, and searches by product name', async () => {
    const page = await h.signedInPage('#/inventory');
    await page.locator('tr[data-row="espresso-beans-1kg/north"]').waitFor(WAIT);
    expect(await page.locator('tr[data-row]').count()).toBeGreaterThanOrEqual(28);

    await page.getByLabel('Warehouse').fill('south');
    await page.getByLabel('Status').selectOption('OUT_OF_STOCK');
    // ceramic-mug has 0 on hand in south; every row shown is a south item that is out of stock.
    await page.locator('tr[data-row="ceramic-mug/south"]').waitFor(WAIT);
    // Polled as a whole: while the filtered page loads the table may be empty, and [].every() is true.
    await expect
      .poll(async () => {
        const keys = await rowKeys(page);
        return keys.length > 0 && keys.every((k) => k?.endsWith('/south'));
      }, WAIT)
      .toBe(true);
    await expect
      .poll(async () => [...new Set(await page.locator('tr[data-row] [data-col="status"]').allTextContents())], WAIT)
      .toEqual(['out of stock']);
    await screenshot(page, 'inventory-south-out-of-stock');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Warehouse').fill('');
    await expect.poll(() => page.locator('tr[data-row]').count(), WAIT).toBeGreaterThanOrEqual(28);
    // Two words, accents and case folded: "ESPRESSO be" is Espresso Beans, not the Espresso Cup Set.
    await page.getByLabel('Product name starts with').fill('ESPRESSO be');
    await expect.poll(() => rowKeys(page), WAIT).toEqual(['espresso-beans-1kg/north', 'espresso-beans-1kg/south']);
    expect(await page.locator('tr[data-row="espresso-beans-1kg/north"]').textContent()).toContain('Espresso Beans 1 kg');
    await page.getByLabel('Product name starts with').fill('crème');
    await expect
      .poll(async () => (await rowKeys(page)).map((k) => k?.split('/')[0]).sort(), WAIT)
      .toEqual(['cafe-creme-500g', 'rooibos-tea']);
    // The name search keeps the warehouse filter.
    await page.getByLabel('Product name starts with').fill('espresso');
    await page.getByLabel('Warehouse').fill('north');
    const northEspresso = async () => {
      const keys = await rowKeys(page);
      return keys.includes('espresso-beans-1kg/north') && keys.every((k) => k?.startsWith('espresso-') && k.endsWith('/north'));
    };
    await expect.poll(northEspresso, WAIT).toBe(true);
    await screenshot(page, 'inventory-name-search');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('resumes after a dropped WebSocket: changes made while offline reach the row, none is left stale', async () => {
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    const page = await h.signedInPage('#/inventory', undefined, (p) =>
      p.routeWebSocket(/\/graphql\/realtime/, (ws) => {
        if (offline) return void ws.close({ code: 4003, reason: 'offline' });
        ws.connectToServer();
        sockets.push(ws);
      }),
    );
    const row = page.locator('tr[data-row="pour-over-kettle/south"]');
    await expect.poll(() => row.locator('[data-col="onHand"]').textContent(), WAIT).toBe('25');
    await page.getByText('Live', { exact: true }).waitFor(WAIT);

    // The product's watch is running: a change of its other warehouse arrives live first.
    await h.gql('mutation($i: SetStockInput!) { setStock(input: $i) { version } }', {
      i: { productId: 'pour-over-kettle', warehouseId: 'north', onHand: 9 },
    });
    await expect.poll(() => page.locator('tr[data-row="pour-over-kettle/north"]').getAttribute('class'), WAIT).toContain('changed');

    offline = true;
    for (const ws of sockets.splice(0)) await ws.close({ code: 4003, reason: 'offline' });
    await page.getByText('Offline: reconnecting').waitFor(WAIT);
    for (const onHand of [24, 23]) {
      await h.gql('mutation($i: SetStockInput!) { setStock(input: $i) { version } }', {
        i: { productId: 'pour-over-kettle', warehouseId: 'south', onHand },
      });
    }
    await page.waitForTimeout(1_000);
    expect(await row.locator('[data-col="onHand"]').textContent()).toBe('25'); // no socket, no news

    offline = false;
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(() => row.locator('[data-col="onHand"]').textContent(), WAIT).toBe('23');
    expect(await row.getAttribute('class')).toContain('changed');
    await screenshot(page, 'inventory-resumed');
  });

  it.each([
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])('the inventory table fits a $width px viewport (no page-wide horizontal scroll)', async (viewport) => {
    const page = await h.signedInPage('#/inventory', viewport);
    await page.locator('tr[data-row]').first().waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `inventory-${viewport.width}px`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
