/**
 * Alerts in Chromium against a real local server: stock set below its threshold through the API
 * raises an alert (stream → bus → alerter → publishAlert) that appears on the open screen live,
 * is acknowledged there and links to its item; acknowledging one another tab already acknowledged
 * shows the API's InvalidTransition in words; the screen is reachable and usable by keyboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 30_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

async function setOnHand(productId: string, warehouseId: string, onHand: number): Promise<void> {
  await h.gql('mutation($i: SetStockInput!) { setStock(input: $i) { version } }', { i: { productId, warehouseId, onHand } });
}

async function openAlerts(): Promise<Page> {
  const page = await h.signedInPage('#/alerts');
  await page.getByRole('heading', { name: 'Alerts' }).waitFor(WAIT);
  await page.getByText('Live', { exact: true }).waitFor(WAIT);
  // The first page has been read (an empty list or rows) before the test changes stock.
  await page.locator('.empty, tr[data-alert]').first().waitFor(WAIT);
  return page;
}

describe('admin alerts', { timeout: 150_000 }, () => {
  it('an alert raised by stock falling below its threshold appears live, is acknowledged and links to its item', async () => {
    const page = await openAlerts();
    const row = page.locator('tr[data-item="pour-over-kettle/south"]');
    expect(await row.count()).toBe(0);

    await setOnHand('pour-over-kettle', 'south', 2); // threshold 5
    await row.waitFor(WAIT);
    expect(await row.getAttribute('class')).toContain('changed');
    expect(await row.textContent()).toContain('Low stock');
    expect(await row.textContent()).toContain('new');
    expect(await row.locator('[data-col="status"]').textContent()).toBe('open');
    await screenshot(page, 'alerts-live');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: /Acknowledge the low stock alert of pour-over-kettle in south/ }).click();
    await expect.poll(() => row.locator('[data-col="status"]').textContent(), WAIT).toBe('acknowledged');
    expect(await row.getByRole('button').count()).toBe(0);
    const id = await row.getAttribute('data-alert');
    const { alerts } = await h.gql<{ alerts: { items: { id: string }[] } }>(
      '{ alerts(status: ACKNOWLEDGED, limit: 100) { items { id } } }',
    );
    expect(alerts.items.map((a) => a.id)).toContain(id);

    // Filtered by status: acknowledged, then (stock back above the threshold) resolved.
    await page.getByLabel('Status').selectOption('ACKNOWLEDGED');
    await row.waitFor(WAIT);
    await setOnHand('pour-over-kettle', 'south', 25);
    await expect
      .poll(async () => {
        const r = await h.gql<{ alerts: { items: { id: string }[] } }>('{ alerts(status: RESOLVED, limit: 100) { items { id } } }');
        return r.alerts.items.map((a) => a.id);
      }, WAIT)
      .toContain(id);
    await page.getByLabel('Status').selectOption('RESOLVED');
    await row.waitFor(WAIT);
    expect(await row.locator('[data-col="status"]').textContent()).toContain('resolved');
    expect(await row.getByRole('button').count()).toBe(0);
    await row.getByRole('link', { name: 'pour-over-kettle' }).click();
    await page.getByRole('heading', { name: /pour-over-kettle in south/ }).waitFor(WAIT);
    expect(new URL(page.url()).hash).toBe('#/items/pour-over-kettle/south');
  });

  it('acknowledging an alert another tab already acknowledged shows InvalidTransition in words', async () => {
    const first = await openAlerts();
    const second = await openAlerts();
    await setOnHand('oat-milk-1l', 'north', 30); // threshold 50
    const mine = first.locator('tr[data-item="oat-milk-1l/north"]');
    const theirs = second.locator('tr[data-item="oat-milk-1l/north"]');
    await mine.waitFor(WAIT);
    await theirs.waitFor(WAIT);

    await mine.getByRole('button', { name: /Acknowledge/ }).click();
    await expect.poll(() => mine.locator('[data-col="status"]').textContent(), WAIT).toBe('acknowledged');
    await theirs.getByRole('button', { name: /Acknowledge/ }).click();
    const alert = second.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.getAttribute('data-error-type')).toBe('InvalidTransition');
    expect(await alert.textContent()).toContain('That status change is not allowed from the current status.');
    await screenshot(second, 'alerts-invalid-transition');
    expect(await seriousViolations(second)).toEqual([]);
  });

  it('is reached and operated by keyboard alone', async () => {
    const page = await h.signedInPage('#/inventory');
    await page.locator('tr[data-row]').first().waitFor(WAIT);
    let focused = '';
    for (let i = 0; i < 15 && focused !== 'Alerts'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(focused).toBe('Alerts');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor(WAIT);
    await page.getByLabel('Status').focus();
    await page.keyboard.press('ArrowDown'); // OPEN → ACKNOWLEDGED
    await expect.poll(() => page.getByLabel('Status').inputValue(), WAIT).toBe('ACKNOWLEDGED');
    await page.locator('tr[data-alert]').first().waitFor(WAIT);
  });

  it.each([
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])('the alerts screen fits a $width px viewport', async (viewport) => {
    await setOnHand('ceramic-mug', 'north', 3); // threshold 10: at least one row to lay out
    const page = await h.signedInPage('#/alerts', viewport);
    await page.locator('tr[data-item="ceramic-mug/north"]').waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `alerts-${viewport.width}px`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
