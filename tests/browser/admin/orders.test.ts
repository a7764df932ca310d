/**
 * Orders in Chromium against a real local server: PAID → SHIPPED through the detail page, only
 * the state machine's transitions offered, and a cancel that shows the stock it gives back.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 20_000 };
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

async function createOrder(reservationId?: string, quantity = 2): Promise<string> {
  const { createOrder } = await h.gql<{ createOrder: { id: string } }>(
    'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
    {
      input: {
        customerId: 'cust-browser',
        currency: 'EUR',
        items: [{ productId: 'ceramic-mug', quantity, unitPrice: 1250 }],
        ...(reservationId ? { reservationId } : {}),
      },
    },
  );
  return createOrder.id;
}

describe('admin orders', { timeout: 120_000 }, () => {
  it('moves a PAID order to SHIPPED; transitions the state machine forbids are not offered', async () => {
    const id = await createOrder();
    await h.gql('mutation($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id });

    const page = await h.signedInPage('#/orders');
    await page.locator(`tr[data-order="${id}"]`).waitFor(WAIT);
    await page.getByRole('link', { name: id }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('paid');
    const actions = page.getByRole('region', { name: 'Actions' });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Mark shipped', 'Cancel order']);
    expect(await seriousViolations(page)).toEqual([]);

    await actions.getByRole('button', { name: 'Mark shipped' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('shipped');
    // From SHIPPED: delivered only; no cancel, no way back.
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Mark delivered']);
    await expect.poll(() => page.getByRole('region', { name: 'Status history' }).textContent(), WAIT).toContain('shipped');
    await screenshot(page, 'order-shipped');
  });

  it('cancels an order made from a reservation and shows the stock given back', async () => {
    const { reserveStock } = await h.gql<{ reserveStock: { id: string } }>(
      'mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id } }',
      { input: { requestId: randomUUID(), lines: [{ productId: 'ceramic-mug', warehouseId: 'north', quantity: 3 }] } },
    );
    const id = await createOrder(reserveStock.id, 3);

    const page = await h.signedInPage(`#/orders/${id}`);
    const cancel = page.getByRole('form', { name: 'Cancel the order' });
    await expect.poll(() => cancel.textContent(), WAIT).toContain('Canceling gives back 3 × ceramic-mug to north');
    await cancel.getByLabel('Reason').fill('customer changed their mind');
    await cancel.getByRole('button', { name: 'Cancel order' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBe('canceled');
    await expect.poll(() => page.getByRole('status').allTextContents(), WAIT).toContain('Restocked: 3 × ceramic-mug in north.');
    await screenshot(page, 'order-canceled-restocked');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
