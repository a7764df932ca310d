/** Partner keys in Chromium against a real local server: create (secret shown once), then revoke. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 20_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

describe('admin partner keys', { timeout: 120_000 }, () => {
  it('creates a key whose secret works once shown, and revokes it', async () => {
    const page = await h.signedInPage('#/keys');
    page.on('dialog', (dialog) => void dialog.accept());
    const form = page.getByRole('form', { name: 'Create a partner key' });
    await form.getByLabel('Partner id').fill('browser-partner');
    await form.getByLabel('orders:read').check();
    await form.getByRole('button', { name: 'Create key' }).click();

    const secret = (await page.getByTestId('secret').textContent({ timeout: 20_000 })) ?? '';
    expect(secret).toMatch(/^sk_/);
    const call = () =>
      fetch(h.stockroom.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: secret },
        body: JSON.stringify({ query: '{ stockLevel(productId: "oat-milk-1l", warehouseId: "north") { available } }' }),
      }).then((r) => r.status);
    expect(await call()).toBe(200);

    const keyId = (await page.locator('.secret code').first().textContent()) ?? '';
    const row = page.locator(`tr[data-key="${keyId}"]`);
    await expect.poll(() => row.textContent(), WAIT).toContain('inventory:read, orders:read');
    await screenshot(page, 'partner-key-created');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Revoke key ${keyId}` }).click();
    await expect.poll(() => row.locator('[data-col="status"]').textContent(), WAIT).toContain('revoked');
    expect(await call()).toBe(401);
    await screenshot(page, 'partner-key-revoked');
  });
});
