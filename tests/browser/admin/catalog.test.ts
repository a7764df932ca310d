/**
 * The catalog in Chromium against a real local server: a category's products and a name search
 * (accent-insensitive), and an edit with compare-and-set: a conflict between two tabs shows both
 * values; one tab re-applies its change on the new version, another discards its own.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 20_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

async function find(page: Page, { category = '', search = '' }: { category?: string; search?: string }): Promise<void> {
  await page.getByLabel('Category').fill(category);
  await page.getByLabel('Name word starts with').fill(search);
  await page.getByRole('button', { name: 'Show' }).click();
}

const productIds = (page: Page) => page.locator('tr[data-product]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product')));

async function openEditor(productId: string): Promise<Page> {
  const page = await h.signedInPage('#/catalog');
  await find(page, { search: 'kenya' });
  await page
    .locator(`tr[data-product="${productId}"]`)
    .getByRole('button', { name: /^Edit / })
    .click();
  await page.getByRole('heading', { name: new RegExp(`Edit ${productId}`) }).waitFor(WAIT);
  return page;
}

describe('admin catalog', { timeout: 120_000 }, () => {
  it('lists a category, most popular first or by name, and searches names without accents', async () => {
    const page = await h.signedInPage('#/catalog');
    await page.getByText('Enter a category').waitFor(WAIT);
    await find(page, { category: 'tea' });
    await expect.poll(async () => (await productIds(page)).length, WAIT).toBe(5);
    await page.getByLabel('Order').selectOption('NAME');
    await expect
      .poll(() => productIds(page), WAIT)
      .toEqual(['assam-breakfast-tea', 'earl-grey-tea', 'matcha-ceremonial', 'rooibos-tea', 'sencha-green-tea']);

    await find(page, { search: 'CREME' });
    await expect.poll(async () => (await productIds(page)).sort(), WAIT).toEqual(['cafe-creme-500g', 'rooibos-tea']);
    await find(page, { category: 'coffee', search: 'crème' });
    await expect.poll(() => productIds(page), WAIT).toEqual(['cafe-creme-500g']);
    await screenshot(page, 'catalog-search');
    expect(await seriousViolations(page)).toEqual([]);

    await find(page, { search: 'zzz' });
    await page.getByText('No products match.').waitFor(WAIT);
  });

  it('a conflict between two tabs shows both values; re-applying wins on the new version, discarding keeps theirs', async () => {
    const first = await openEditor('kenya-aa');
    const second = await openEditor('kenya-aa');
    const third = await openEditor('kenya-aa');

    await first.getByLabel(/^Price/).fill('2090');
    await first.getByRole('button', { name: 'Save' }).click();
    const firstRow = first.locator('tr[data-product="kenya-aa"]');
    await expect.poll(() => firstRow.locator('[data-col="version"]').textContent(), WAIT).toBe('2');

    await second.getByLabel('Name', { exact: true }).fill('Kenya AA Beans, new crop');
    await second.getByRole('button', { name: 'Save' }).click();
    const alert = second.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.getAttribute('data-error-type')).toBe('VersionConflict');
    expect(await alert.textContent()).toContain('Someone else changed this record');
    expect(await second.getByTestId('mine-name').textContent()).toBe('Kenya AA Beans, new crop');
    expect(await second.getByTestId('theirs-name').textContent()).toBe('Kenya AA Beans');
    expect(await second.getByTestId('mine-price').textContent()).toContain('19.90');
    expect(await second.getByTestId('theirs-price').textContent()).toContain('20.90');
    await screenshot(second, 'catalog-version-conflict');
    expect(await seriousViolations(second)).toEqual([]);

    await second.getByRole('button', { name: 'Re-apply my change' }).click();
    const secondRow = second.locator('tr[data-product="kenya-aa"]');
    await expect.poll(() => secondRow.locator('[data-col="version"]').textContent(), WAIT).toBe('3');
    expect(await secondRow.locator('[data-col="name"]').textContent()).toBe('Kenya AA Beans, new crop');
    const { product } = await h.gql<{ product: { name: string; price: number; version: number } }>(
      '{ product(id: "kenya-aa") { name price version } }',
    );
    // Re-applying writes the whole form as the user left it, on the version they were shown.
    expect(product).toEqual({ name: 'Kenya AA Beans, new crop', price: 1990, version: 3 });

    await third.getByLabel('Name', { exact: true }).fill('Kenya AA, discarded');
    await third.getByRole('button', { name: 'Save' }).click();
    await third.getByRole('button', { name: 'Discard mine' }).waitFor(WAIT);
    await third.getByRole('button', { name: 'Discard mine' }).click();
    const thirdRow = third.locator('tr[data-product="kenya-aa"]');
    await expect.poll(() => thirdRow.locator('[data-col="name"]').textContent(), WAIT).toBe('Kenya AA Beans, new crop');
    expect(await thirdRow.locator('[data-col="version"]').textContent()).toBe('3');
    expect(await third.getByRole('heading', { name: /Edit kenya-aa/ }).count()).toBe(0);
  });

  it('pages a long category with "Load more" (the shared list paging)', async () => {
    const ids = Array.from({ length: 55 }, (_, i) => `bulk-${String(i).padStart(2, '0')}`);
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(
        ids.slice(i, i + 8).map((id) =>
          h.gql('mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { id } }', {
            input: { id, name: `Bulk item ${id.slice(5)}`, price: 100, currency: 'EUR', category: 'bulk' },
          }),
        ),
      );
    }
    const page = await h.signedInPage('#/catalog');
    await page.getByLabel('Order').selectOption('NAME');
    await find(page, { category: 'bulk' });
    await expect.poll(async () => (await productIds(page)).length, WAIT).toBe(50);
    await page.getByRole('button', { name: 'Load more products' }).click();
    await expect.poll(() => productIds(page), WAIT).toEqual(ids);
    expect(await page.getByRole('button', { name: 'Load more products' }).count()).toBe(0);
  });

  it.each([
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])('the catalog and its editor fit a $width px viewport', async (viewport) => {
    const page = await h.signedInPage('#/catalog', viewport);
    await find(page, { category: 'equipment' });
    await page.locator('tr[data-product]').first().waitFor(WAIT);
    await page
      .locator('tr[data-product]')
      .first()
      .getByRole('button', { name: /^Edit / })
      .click();
    await page.getByRole('heading', { name: /^Edit / }).waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `catalog-${viewport.width}px`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
