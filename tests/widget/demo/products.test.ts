/** The demo storefront shows products and warehouses that `npm start`'s demo data has. */
import { describe, expect, it } from 'vitest';
import { DEMO_STOCK, DEMO_WAREHOUSES } from '../../../local/services/demo-data.js';
import { DEMO_STOREFRONT_PRODUCTS, DEMO_STOREFRONT_WAREHOUSES } from '../../../widget/demo/products.js';

describe('the demo storefront products', () => {
  it.each(DEMO_STOREFRONT_PRODUCTS.map((p) => [p.productId]))('%s is demo stock', (productId) => {
    expect(DEMO_STOCK.some((s) => s.productId === productId)).toBe(true);
  });
  it('shows only demo warehouses', () => {
    for (const w of DEMO_STOREFRONT_WAREHOUSES) expect(DEMO_WAREHOUSES).toContain(w.warehouseId);
  });
});
