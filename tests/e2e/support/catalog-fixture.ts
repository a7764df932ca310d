/**
 * Arrange helpers for the catalog end-to-end tests: GraphQL documents, product upserts as an
 * admin, and schema-valid `OrderCreated` events put on the local bus with the real SDK (the
 * popularity worker's trigger), then delivered.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { expectValidEvent } from '../../events/validate.js';
import type { Caller, TestApi } from '../helpers/local-api.js';

export const PRODUCT_FIELDS = 'id name description price currency category attributes popularity version createdAt updatedAt';
export const UPSERT = `mutation($input: UpsertProductInput!, $v: Int) { upsertProduct(input: $input, expectedVersion: $v) { ${PRODUCT_FIELDS} } }`;
export const PRODUCT = `query($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`;
export const PRODUCT_WITH_STOCK = `query($id: ID!) { product(id: $id) { id stock { productId available items { warehouseId available } } } }`;
export const SEARCH = `query($p: String!, $c: String, $limit: Int, $next: String) { searchProducts(prefix: $p, category: $c, limit: $limit, nextToken: $next) { nextToken items { id name category popularity } } }`;
export const BY_CATEGORY = `query($c: String!, $sort: ProductSort, $limit: Int, $next: String) { productsByCategory(category: $c, sort: $sort, limit: $limit, nextToken: $next) { nextToken items { id name popularity } } }`;
export const RECOMMENDATIONS = `query($c: ID!, $limit: Int) { recommendations(customerId: $c, limit: $limit) { id category popularity } }`;

export interface ProductInput {
  id: string;
  name: string;
  price: number;
  currency: string;
  category: string;
  description?: string | null;
  attributes?: string | null;
}

export interface ProductOut {
  id: string;
  name: string;
  category: string;
  popularity: number;
  version: number;
  price: number;
}

export const product = (id: string, name: string, category: string, over: Partial<ProductInput> = {}): ProductInput => ({
  id,
  name,
  price: 1250,
  currency: 'EUR',
  category,
  ...over,
});

export async function upsert(api: TestApi, input: ProductInput, expectedVersion?: number): Promise<ProductOut> {
  const r = await api.gql<{ upsertProduct: ProductOut }>(api.admin, UPSERT, { input, v: expectedVersion });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.upsertProduct;
}

export async function searchAll(api: TestApi, caller: Caller, prefix: string, category?: string, limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  do {
    const r: { body: { data?: { searchProducts: { items: { id: string }[]; nextToken: string | null } } | null; errors?: unknown } } =
      await api.gql(caller, SEARCH, { p: prefix, c: category, limit, next });
    expect(r.body.errors).toBeUndefined();
    ids.push(...r.body.data!.searchProducts.items.map((i) => i.id));
    next = r.body.data!.searchProducts.nextToken;
  } while (next);
  return ids;
}

/** A schema-valid OrderCreated envelope (events/OrderCreated.schema.json) for these products. */
export function orderCreated(orderId: string, customerId: string, productIds: string[]): Record<string, unknown> {
  const at = new Date().toISOString();
  const event = {
    eventId: randomBytes(16).toString('hex'),
    type: 'OrderCreated',
    version: 1,
    occurredAt: at,
    source: 'stockroom.orders',
    data: {
      orderId,
      customerId,
      items: productIds.map((productId) => ({ productId, quantity: 1, unitPrice: 100 })),
      currency: 'EUR',
      total: 100 * productIds.length,
      status: 'PENDING',
      reservationId: null,
      createdAt: at,
    },
  };
  expectValidEvent(event);
  return event;
}

/** PutEvents to the local bus (batches of 10, all at once), then waits for every delivery. */
export async function putOrderEvents(api: TestApi, events: Record<string, unknown>[]): Promise<void> {
  const client = new EventBridgeClient({
    endpoint: api.s.eventBridge.url,
    region: api.s.iamCredentials.region,
    credentials: { accessKeyId: api.s.iamCredentials.accessKeyId, secretAccessKey: api.s.iamCredentials.secretAccessKey },
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < events.length; i += 10) batches.push(events.slice(i, i + 10));
  await Promise.all(
    batches.map(async (batch) => {
      const out = await client.send(
        new PutEventsCommand({
          Entries: batch.map((e) => ({
            EventBusName: `stockroom-${api.s.stage}-bus`,
            Source: 'stockroom.orders',
            DetailType: 'OrderCreated',
            Detail: JSON.stringify(e),
          })),
        }),
      );
      expect(out.FailedEntryCount).toBe(0);
    }),
  );
  client.destroy();
  await api.s.eventBridge.bus.drain();
}
