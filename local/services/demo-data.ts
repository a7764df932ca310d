/**
 * Demo data for a first start, loaded through the GraphQL API as an admin (so it is exactly what
 * the resolvers write): products in two warehouses with low-stock thresholds, and two partners
 * with keys. The examples of README.md and docs/ use these ids and run against them
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

export const DEMO_PARTNERS: readonly { partnerId: string; scopes: readonly string[] }[] = [
  { partnerId: 'acme-shop', scopes: ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'] },
  { partnerId: 'globex-market', scopes: ['inventory:read', 'inventory:reserve'] },
];

export type GraphqlCall = (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown; errors?: unknown[] }>;

const SET_STOCK = `mutation DemoSetStock($input: SetStockInput!) { setStock(input: $input) { productId warehouseId version } }`;
const CREATE_KEY = `mutation DemoPartnerKey($partnerId: ID!, $scopes: [String!]!) { createPartnerKey(partnerId: $partnerId, scopes: $scopes) { keyId secret } }`;

/** Loads the demo stock and creates the demo partner keys; returns partnerId → key. */
export async function loadDemoData(callAsAdmin: GraphqlCall): Promise<Record<string, string>> {
  for (const item of DEMO_STOCK) {
    const out = await callAsAdmin(SET_STOCK, { input: item });
    if (out.errors?.length) throw new Error(`demo setStock failed: ${JSON.stringify(out.errors)}`);
  }
  const keys: Record<string, string> = {};
  for (const partner of DEMO_PARTNERS) {
    const out = await callAsAdmin(CREATE_KEY, { partnerId: partner.partnerId, scopes: partner.scopes });
    const created = (out.data as { createPartnerKey?: { secret: string } } | null)?.createPartnerKey;
    if (out.errors?.length || !created) throw new Error(`demo createPartnerKey failed: ${JSON.stringify(out.errors)}`);
    keys[partner.partnerId] = created.secret;
  }
  return keys;
}
