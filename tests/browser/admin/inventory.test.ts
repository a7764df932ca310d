/**
 * Inventory screens in Chromium against a real local server: a stock edit in one tab reaches
 * another tab live, and a compare-and-set conflict between two tabs is shown and resolved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

// Chromium and a whole server on a shared 2-core machine: generous bounded waits, no timing asserts.
const WAIT = { timeout: 20_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
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
