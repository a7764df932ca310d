/** Reservations in Chromium against a real local server: the ACTIVE list, the item's holds, release, the stock given back. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 20_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

describe('admin reservations', { timeout: 120_000 }, () => {
  it('lists an ACTIVE hold and releases it', async () => {
    const { reserveStock } = await h.gql<{ reserveStock: { id: string } }>(
      'mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id } }',
      { input: { requestId: randomUUID(), lines: [{ productId: 'pour-over-kettle', warehouseId: 'south', quantity: 4 }] } },
    );
    // The item page lists the hold too.
    const item = await h.signedInPage('#/items/pour-over-kettle/south');
    await expect.poll(() => item.getByRole('region', { name: 'Reservations holding it' }).textContent(), WAIT).toContain(reserveStock.id);

    const page = await h.signedInPage('#/reservations');
    const row = page.locator(`tr[data-reservation="${reserveStock.id}"]`);
    await expect.poll(() => row.textContent(), WAIT).toContain('4 × pour-over-kettle in south');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Release reservation ${reserveStock.id}` }).click();
    await expect.poll(() => row.locator('[data-col="status"]').textContent(), WAIT).toBe('released');
    await screenshot(page, 'reservation-released');
    const { stockLevel } = await h.gql<{ stockLevel: { reserved: number } }>(
      '{ stockLevel(productId: "pour-over-kettle", warehouseId: "south") { reserved } }',
    );
    expect(stockLevel.reserved).toBe(0);
  });
});
