/**
 * The storefront key reads stock as a shopper should. `onHand`, `reserved` and `threshold` of
 * InventoryItem, and the `onHand`/`reserved` totals of ProductStock, carry
 * `@aws_lambda @aws_cognito_user_pools @aws_iam` and are nullable: AppSync's field-level
 * authorization answers the storefront key with null for each such field and one `Unauthorized`
 * error per field ("Not Authorized to access <field> on type <Type>"), the rest of the data intact;
 * a storefront selection of available and status never errors. Partners and admins read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let partnerKey: string;
const SET = 'mutation($i: SetStockInput!) { setStock(input: $i) { version } }';
const LEVEL = (fields: string) => `query { stockLevel(productId: "sf-1", warehouseId: "w1") { ${fields} } }`;
const PRODUCT = (fields: string) => `query { productStock(productId: "sf-1") { ${fields} } }`;

beforeAll(async () => {
  api = await startTestApi();
  partnerKey = (await api.createPartnerKey('partner-sf')).secret;
  for (const w of ['w1', 'w2']) {
    const r = await api.gql(api.admin, SET, { i: { productId: 'sf-1', warehouseId: w, onHand: 10, threshold: 2 } });
    expect(r.body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await api?.stop();
});

const denied = (field: string, type: string, path: (string | number)[]) => ({
  errorType: 'Unauthorized',
  message: `Not Authorized to access ${field} on type ${type}`,
  path,
});

describe('the storefront key on stock queries', () => {
  it.each([
    [
      'stockLevel',
      LEVEL('productId available status sequence updatedAt'),
      { stockLevel: expect.objectContaining({ available: 10, status: 'IN_STOCK' }) },
    ],
    [
      'productStock',
      PRODUCT('available status items { warehouseId available status }'),
      { productStock: expect.objectContaining({ available: 20 }) },
    ],
  ])('%s: available and status never error', async (_name, query, data) => {
    const r = await api.gql(api.apiKey, query);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual(data);
  });

  it('stockLevel: each restricted field is null with its own field-level error', async () => {
    const r = await api.gql(api.apiKey, LEVEL('available onHand reserved threshold'));
    expect(r.body.data).toEqual({ stockLevel: { available: 10, onHand: null, reserved: null, threshold: null } });
    expect(r.body.errors).toEqual(
      ['onHand', 'reserved', 'threshold'].map((f) => expect.objectContaining(denied(f, 'InventoryItem', ['stockLevel', f]))),
    );
  });

  it('productStock: the totals and every item’s restricted fields are denied, with list paths', async () => {
    const r = await api.gql(api.apiKey, PRODUCT('onHand reserved available items { warehouseId onHand }'));
    expect(r.body.data).toEqual({
      productStock: {
        onHand: null,
        reserved: null,
        available: 20,
        items: [
          { warehouseId: 'w1', onHand: null },
          { warehouseId: 'w2', onHand: null },
        ],
      },
    });
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining(denied('onHand', 'ProductStock', ['productStock', 'onHand'])),
        expect.objectContaining(denied('reserved', 'ProductStock', ['productStock', 'reserved'])),
        expect.objectContaining(denied('onHand', 'InventoryItem', ['productStock', 'items', 0, 'onHand'])),
        expect.objectContaining(denied('onHand', 'InventoryItem', ['productStock', 'items', 1, 'onHand'])),
      ]),
    );
    expect(r.body.errors).toHaveLength(4);
  });

  it.each([
    ['a partner', () => api.partner(partnerKey)],
    ['an admin', () => api.admin],
    ['IAM', () => api.iam],
  ])('%s reads them', async (_name, caller) => {
    const r = await api.gql(caller(), PRODUCT('onHand reserved items { onHand reserved threshold }'));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({
      productStock: { onHand: 20, reserved: 0, items: [0, 1].map(() => ({ onHand: 10, reserved: 0, threshold: 2 })) },
    });
  });
});
