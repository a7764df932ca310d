/**
 * The products on the demo storefront (`/demo`): ids of the demo stock that `npm start` loads
 * (local/services/demo-data.ts; tests/widget/demo/products.test.ts keeps them in step).
 */
export const DEMO_STOREFRONT_PRODUCTS: readonly { readonly productId: string; readonly name: string; readonly price: string }[] = [
  { productId: 'espresso-beans-1kg', name: 'Espresso beans, 1 kg', price: '€24.00' },
  { productId: 'oat-milk-1l', name: 'Oat milk, 1 l', price: '€2.40' },
  { productId: 'ceramic-mug', name: 'Ceramic mug', price: '€12.00' },
  { productId: 'pour-over-kettle', name: 'Pour-over kettle', price: '€49.00' },
];

/** The demo's warehouses shown per product, next to the all-warehouse badge. */
export const DEMO_STOREFRONT_WAREHOUSES: readonly { readonly warehouseId: string; readonly name: string }[] = [
  { warehouseId: 'north', name: 'North store' },
  { warehouseId: 'south', name: 'South store' },
];
