/** Publishing stock changes as the stream publisher does (IAM), and the subscriptions' texts. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryKey, parseInventoryItem } from '../../../../../functions/commons/inventory-model.js';
import { createStockChangePublisher, stockChangeOf } from '../../../../../functions/commons/stock-change-publisher.js';
import type { TestApi } from '../../../../e2e/helpers/local-api.js';

export const ALL_CHANGE_FIELDS = 'productId warehouseId onHand reserved available threshold status sequence reason at';
export const PUBLIC_CHANGE_FIELDS = 'productId warehouseId available status sequence at';
export const PUBLISH = `mutation($input: StockChangeInput!) { publishStockChange(input: $input) { ${ALL_CHANGE_FIELDS} } }`;
export const ON_STOCK_CHANGED = (fields = PUBLIC_CHANGE_FIELDS) =>
  `subscription($p: ID!, $w: ID) { onStockChanged(productId: $p, warehouseId: $w) { ${fields} } }`;
export const ON_PRODUCTS = (fields = PUBLIC_CHANGE_FIELDS) =>
  `subscription($ids: [ID!]!) { onStockChangedForProducts(productIds: $ids) { ${fields} } }`;

export interface ChangeInput {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
  status: 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';
  sequence: number;
  reason: string | null;
  at: string;
}

export function change(productId: string, sequence: number, over: Partial<ChangeInput> = {}): ChangeInput {
  const onHand = 100 - sequence;
  return {
    productId,
    warehouseId: 'wh-1',
    onHand,
    reserved: 0,
    available: onHand,
    threshold: 5,
    status: 'IN_STOCK',
    sequence,
    reason: 'ADMIN_SET',
    at: new Date().toISOString(),
    ...over,
  };
}

/** Publishes over HTTP with SigV4; fails the test if AppSync would have refused it. */
export async function publish(api: TestApi, input: ChangeInput, query = PUBLISH): Promise<void> {
  const r = await api.gql(api.iam, query, { input });
  if (r.status !== 200 || r.body.errors) throw new Error(`publishStockChange failed: ${JSON.stringify(r.body)}`);
}

/**
 * Until the stream publisher lands: after a write, what it will do for the item's new image —
 * read the item as stored and call publishStockChange through the bridge, with IAM.
 */
export function createItemPublisher(api: TestApi) {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: api.s.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const bridge = createStockChangePublisher({
    graphqlUrl: api.s.graphqlUrl,
    region: api.s.iam.region,
    credentials: () => api.s.iamCredentials,
  });
  return {
    async publishItem(productId: string, warehouseId: string): Promise<number> {
      const stored = await doc.send(
        new GetCommand({ TableName: api.s.tableName, Key: inventoryKey(productId, warehouseId), ConsistentRead: true }),
      );
      const item = parseInventoryItem(stored.Item);
      await bridge(stockChangeOf(item));
      return item.sequence;
    },
    close: () => doc.destroy(),
  };
}
