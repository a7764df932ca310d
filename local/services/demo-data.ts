/**
 * Demo data for a first start, loaded through the GraphQL API as an admin (so it is exactly what
 * the resolvers write): a catalog of a few dozen products in several categories (docs/catalog.md),
 * their stock in two warehouses with low-stock thresholds, and two partners with keys. The examples of README.md and docs/ use these ids and run against them
 * (tests/docs/examples.test.ts): change them together.
 */
export const DEMO_WAREHOUSES = ['north', 'south'] as const;

export const DEMO_STOCK: readonly { productId: string; warehouseId: string; onHand: number; threshold: number }[] = [
  { productId: 'espresso-beans-1kg', warehouseId: 'north', onHand: 120, threshold: 20 },
  { productId: 'espresso-beans-1kg', warehouseId: 'south', onHand: 15, threshold: 20 },
  { productId: 'oat-milk-1l', warehouseId: 'north', onHand: 300, threshold: 50 },
  { productId: 'oat-milk-1l', warehouseId: 'south', onHand: 80, threshold: 50 },
  { productId: 'ceramic-mug', warehouseId: 'north', onHand: 40, threshold: 10 },
  { productId: 'ceramic-mug', warehouseId: 'south', onHand: 0, threshold: 10 },
  { productId: 'pour-over-kettle', warehouseId: 'north', onHand: 8, threshold: 5 },
  { productId: 'pour-over-kettle', warehouseId: 'south', onHand: 25, threshold: 5 },
];

/** The catalog: the stock ids above are products too, with the same ids. Prices in cents. */
export const DEMO_PRODUCTS: readonly { id: string; name: string; category: string; price: number; description?: string }[] = [
  { id: 'espresso-beans-1kg', name: 'Espresso Beans 1 kg', category: 'coffee', price: 2490, description: 'Dark roast, chocolate notes.' },
  { id: 'oat-milk-1l', name: 'Oat Milk 1 L', category: 'milk', price: 259, description: 'Barista edition, foams well.' },
  { id: 'ceramic-mug', name: 'Ceramic Mug', category: 'mugs', price: 1200, description: 'Stoneware, 300 ml.' },
  { id: 'pour-over-kettle', name: 'Pour-Over Kettle', category: 'equipment', price: 4900, description: 'Gooseneck, 1 L.' },
  { id: 'cafe-creme-500g', name: 'Café Crème 500 g', category: 'coffee', price: 1190 },
  { id: 'colombia-supremo', name: 'Colombia Supremo Beans', category: 'coffee', price: 1590 },
  { id: 'ethiopia-yirgacheffe', name: 'Ethiopia Yirgacheffe Beans', category: 'coffee', price: 1890 },
  { id: 'decaf-swiss-water', name: 'Decaf Swiss Water Beans', category: 'coffee', price: 1490 },
  { id: 'kenya-aa', name: 'Kenya AA Beans', category: 'coffee', price: 1990 },
  { id: 'sencha-green-tea', name: 'Sencha Green Tea', category: 'tea', price: 890 },
  { id: 'assam-breakfast-tea', name: 'Assam Breakfast Tea', category: 'tea', price: 690 },
  { id: 'earl-grey-tea', name: 'Earl Grey Tea', category: 'tea', price: 750 },
  { id: 'rooibos-tea', name: 'Rooibos Crème Brûlée Tea', category: 'tea', price: 820 },
  { id: 'matcha-ceremonial', name: 'Matcha Ceremonial Grade', category: 'tea', price: 2400 },
  { id: 'almond-milk-1l', name: 'Almond Milk 1 L', category: 'milk', price: 289 },
  { id: 'espresso-cup-set', name: 'Espresso Cup Set (4)', category: 'mugs', price: 2400 },
  { id: 'travel-mug', name: 'Insulated Travel Mug', category: 'mugs', price: 2200 },
  { id: 'burr-grinder', name: 'Conical Burr Grinder', category: 'equipment', price: 12900 },
  { id: 'french-press', name: 'French Press 1 L', category: 'equipment', price: 3400 },
  { id: 'moka-pot', name: 'Moka Pot 6 Cup', category: 'equipment', price: 2900 },
  { id: 'milk-frother', name: 'Milk Frother', category: 'equipment', price: 3900 },
  { id: 'almond-biscotti', name: 'Almond Biscotti', category: 'snacks', price: 390 },
  { id: 'dark-chocolate', name: 'Dark Chocolate 70 %', category: 'snacks', price: 290 },
  { id: 'pain-au-chocolat', name: 'Pain au Chocolat', category: 'snacks', price: 180 },
];

/** Stock of the catalog's other products, in one warehouse each (DEMO_STOCK's ids keep their own rows). */
export const DEMO_CATALOG_STOCK: readonly { productId: string; warehouseId: string; onHand: number; threshold: number }[] =
  DEMO_PRODUCTS.filter((p) => !DEMO_STOCK.some((s) => s.productId === p.id)).flatMap((p, i) => [
    { productId: p.id, warehouseId: i % 2 === 0 ? 'north' : 'south', onHand: (i * 37) % 120, threshold: 10 },
  ]);

export const DEMO_PARTNERS: readonly { partnerId: string; scopes: readonly string[] }[] = [
  { partnerId: 'acme-shop', scopes: ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'] },
  { partnerId: 'globex-market', scopes: ['inventory:read', 'inventory:reserve'] },
];

export type GraphqlCall = (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown; errors?: unknown[] }>;

const UPSERT_PRODUCT = `mutation DemoUpsertProduct($input: UpsertProductInput!) { upsertProduct(input: $input) { id version } }`;
const SET_STOCK = `mutation DemoSetStock($input: SetStockInput!) { setStock(input: $input) { productId warehouseId version } }`;
const CREATE_KEY = `mutation DemoPartnerKey($partnerId: ID!, $scopes: [String!]!) { createPartnerKey(partnerId: $partnerId, scopes: $scopes) { keyId secret } }`;

/** Runs `work` over `items`, `width` at a time: a first start should not wait for ~100 calls in a row. */
async function eachConcurrently<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
    }),
  );
}

/** Loads the demo catalog and stock and creates the demo partner keys; returns partnerId → key. */
export async function loadDemoData(callAsAdmin: GraphqlCall): Promise<Record<string, string>> {
  await eachConcurrently(DEMO_PRODUCTS, 8, async (product) => {
    const out = await callAsAdmin(UPSERT_PRODUCT, { input: { currency: 'EUR', description: null, ...product } });
    if (out.errors?.length) throw new Error(`demo upsertProduct failed: ${JSON.stringify(out.errors)}`);
  });
  await eachConcurrently([...DEMO_STOCK, ...DEMO_CATALOG_STOCK], 8, async (item) => {
    const out = await callAsAdmin(SET_STOCK, { input: item });
    if (out.errors?.length) throw new Error(`demo setStock failed: ${JSON.stringify(out.errors)}`);
  });
  const keys: Record<string, string> = {};
  for (const partner of DEMO_PARTNERS) {
    const out = await callAsAdmin(CREATE_KEY, { partnerId: partner.partnerId, scopes: partner.scopes });
    const created = (out.data as { createPartnerKey?: { secret: string } } | null)?.createPartnerKey;
    if (out.errors?.length || !created) throw new Error(`demo createPartnerKey failed: ${JSON.stringify(out.errors)}`);
    keys[partner.partnerId] = created.secret;
  }
  return keys;
}
