/** The demo data of a first start: a catalog in several categories, with stock, beside the demo stock ids. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_STOCK } from '../../../local/services/demo-data.js';
import { startTestApi, type TestApi } from '../../e2e/helpers/local-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ demoData: true });
}, 180_000);
afterAll(async () => {
  await api?.stop();
});

describe('demo data', () => {
  it('has a few dozen products in several categories, the demo stock ids among them', () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(24);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.category)).size).toBeGreaterThanOrEqual(5);
    for (const s of DEMO_STOCK) expect(DEMO_PRODUCTS.map((p) => p.id)).toContain(s.productId);
  });

  it('is listed per category with stock, and searchable', async () => {
    const r = await api.gql<{ productsByCategory: { items: { id: string; stock: { available: number } | null }[] } }>(
      api.apiKey,
      'query { productsByCategory(category: "coffee", limit: 100) { items { id stock { available } } } }',
    );
    const items = r.body.data!.productsByCategory.items;
    expect(items.map((i) => i.id).sort()).toEqual(
      DEMO_PRODUCTS.filter((p) => p.category === 'coffee')
        .map((p) => p.id)
        .sort(),
    );
    expect(items.every((i) => i.stock !== null)).toBe(true);
    const s = await api.gql<{ searchProducts: { items: { id: string }[] } }>(
      api.apiKey,
      'query { searchProducts(prefix: "cafe") { items { id } } }',
    );
    expect(s.body.data!.searchProducts.items.map((i) => i.id)).toContain('cafe-creme-500g');
  });

  it('keeps the demo stock rows the README examples use', async () => {
    const r = await api.gql<{ stockLevel: { onHand: number; threshold: number } }>(
      api.admin,
      'query { stockLevel(productId: "espresso-beans-1kg", warehouseId: "north") { onHand threshold } }',
    );
    expect(r.body.data!.stockLevel).toEqual({ onHand: 120, threshold: 20 });
  });
});
