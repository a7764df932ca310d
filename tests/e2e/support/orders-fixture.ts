/**
 * Orders end to end: the inventory fixture (server on the shared DynamoDB Local, admin, partners
 * A and B with every scope) plus order queries, partner keys with fewer scopes, and a look at the
 * table behind the API's back to prove that a refused request wrote nothing.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startInventoryFixture, type Caller, type GraphQLResponse, type InventoryFixture } from './inventory-fixture.js';

export const ORDER_FIELDS =
  'id customerId partnerId currency total status reservationId createdAt updatedAt items { productId warehouseId quantity unitPrice lineTotal } statusHistory { status at actor reason }';
export const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
export const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
export const ORDERS_BY_CUSTOMER = `query($c: ID!, $from: AWSDateTime, $to: AWSDateTime, $limit: Int, $next: String) { ordersByCustomer(customerId: $c, from: $from, to: $to, limit: $limit, nextToken: $next) { nextToken items { ${ORDER_FIELDS} } } }`;
export const ORDERS = `query($s: OrderStatus, $limit: Int, $next: String) { orders(status: $s, limit: $limit, nextToken: $next) { nextToken items { ${ORDER_FIELDS} } } }`;
export const UPDATE_STATUS = `mutation($id: ID!, $s: OrderStatus!, $e: OrderStatus) { updateOrderStatus(id: $id, status: $s, expectedStatus: $e) { ${ORDER_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!, $r: String) { cancelOrder(id: $id, reason: $r) { ${ORDER_FIELDS} } }`;

export interface OrderItem {
  productId: string;
  warehouseId: string | null;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}
export interface Order {
  id: string;
  customerId: string;
  partnerId: string | null;
  currency: string;
  total: number;
  status: string;
  reservationId: string | null;
  createdAt: string;
  updatedAt: string;
  items: OrderItem[];
  statusHistory: { status: string; at: string; actor: string; reason: string | null }[];
}

/** What the table holds of the order domain: orders, idempotency keys, payload fingerprints. */
export interface OrderTableState {
  orders: Record<string, unknown>[];
  keys: Record<string, unknown>[];
  fingerprints: Record<string, unknown>[];
}

export interface OrdersFixture extends InventoryFixture {
  createOrder(
    caller: Caller,
    input: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<{ createOrder: Order }>>;
  partnerWith(partnerId: string, scopes: string[]): Promise<Caller>;
  tableState(): Promise<OrderTableState>;
}

const CREATE_KEY = `mutation($partnerId: ID!, $scopes: [String!]!) { createPartnerKey(partnerId: $partnerId, scopes: $scopes) { secret } }`;

export async function startOrdersFixture(name: string): Promise<OrdersFixture> {
  const f = await startInventoryFixture(name);
  const db = new DynamoDBClient({
    endpoint: f.stockroom.dynamoEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const scanPrefix = async (prefix: string): Promise<Record<string, unknown>[]> => {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: f.stockroom.tableName,
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': { S: prefix } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push(unmarshall(item));
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return out;
  };
  return {
    ...f,
    createOrder: (caller, input, headers = {}) => f.gql<{ createOrder: Order }>({ ...caller, ...headers }, CREATE_ORDER, { input }),
    async partnerWith(partnerId, scopes) {
      const created = await f.gql<{ createPartnerKey: { secret: string } }>(f.admin, CREATE_KEY, { partnerId, scopes });
      if (!created.data) throw new Error(`could not create a partner key: ${JSON.stringify(created.errors)}`);
      return { authorization: created.data.createPartnerKey.secret };
    },
    async tableState() {
      const [orders, keys, fingerprints] = await Promise.all([scanPrefix('ORDER#'), scanPrefix('ORDERKEY#'), scanPrefix('ORDERFP#')]);
      return { orders, keys, fingerprints };
    },
    async stop() {
      db.destroy();
      await f.stop();
    },
  };
}
