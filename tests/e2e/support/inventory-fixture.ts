/**
 * A running Stockroom for inventory end-to-end tests: the in-process server on the shared
 * DynamoDB Local (tables under a stage of its own), an admin token, two partners with keys,
 * and GraphQL helpers that speak HTTP like any client.
 */
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { inventoryKey, reservationKey } from '../../../model/keys.js';
import { startStockroom } from '../../../local/server/start.js';

export interface GraphQLErrorEntry {
  message: string;
  errorType: string | null;
  errorInfo: Record<string, unknown> | null;
  path?: (string | number)[];
}

export interface GraphQLResponse<T> {
  status: number;
  data: T | null;
  errors?: GraphQLErrorEntry[];
}

export type Caller = Record<string, string>;

export interface InventoryFixture {
  graphqlUrl: string;
  admin: Caller;
  storefront: Caller;
  partnerA: Caller;
  partnerB: Caller;
  stage: string;
  stockroom: Awaited<ReturnType<typeof startStockroom>>;
  gql<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Test-only: makes a hold due now, as if its time had passed (the shortest hold is a minute). */
  backdate(reservationId: string): Promise<void>;
  /** Test-only: drifts an item's reserved counter behind the API's back. */
  corruptReserved(productId: string, warehouseId: string, by: number): Promise<void>;
  stop(): Promise<void>;
}

export async function gqlRequest<T>(
  url: string,
  headers: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorEntry[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors };
}

const CREATE_KEY = `mutation($partnerId: ID!, $scopes: [String!]!) { createPartnerKey(partnerId: $partnerId, scopes: $scopes) { keyId secret } }`;

export async function startInventoryFixture(name: string): Promise<InventoryFixture> {
  const stage = `${name}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.replace(/[^a-z0-9]/gi, '').slice(0, 24);
  const stockroom = await startStockroom({
    port: 0,
    inMemory: true,
    stage,
    demoData: false,
    dynamoEndpoint: process.env.STOCKROOM_DYNAMO_ENDPOINT,
  });
  const admin = { authorization: stockroom.adminToken };
  const gql = <T>(caller: Caller, query: string, variables?: Record<string, unknown>) =>
    gqlRequest<T>(stockroom.graphqlUrl, caller, query, variables);
  const scopes = ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'];
  const keys: string[] = [];
  for (const partnerId of ['partner-a', 'partner-b']) {
    const created = await gql<{ createPartnerKey: { secret: string } }>(admin, CREATE_KEY, { partnerId, scopes });
    if (!created.data) throw new Error(`could not create a partner key: ${JSON.stringify(created.errors)}`);
    keys.push(created.data.createPartnerKey.secret);
  }
  const endpoint = stockroom.dynamoEndpoint;
  const db = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = stockroom.tableName;
  const backdate = async (id: string) => {
    const past = Math.floor(Date.now() / 1000) - 5;
    const iso = new Date(past * 1000).toISOString();
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(reservationKey(id)),
        UpdateExpression: 'SET expiresAt = :iso, expiresAtEpoch = :e, gsi1sk = :sk',
        ConditionExpression: '#s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':iso': { S: iso },
          ':e': { N: String(past) },
          ':sk': { S: `${iso}#${id}` },
          ':active': { S: 'ACTIVE' },
        },
      }),
    );
  };
  const corruptReserved = async (productId: string, warehouseId: string, by: number) => {
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(inventoryKey(productId, warehouseId)),
        // No sequence bump and no movement: exactly the silent drift the check exists to catch.
        UpdateExpression: 'SET reserved = reserved + :by, available = available - :by',
        ExpressionAttributeValues: { ':by': { N: String(by) } },
      }),
    );
  };
  return {
    backdate,
    corruptReserved,
    graphqlUrl: stockroom.graphqlUrl,
    admin,
    storefront: { 'x-api-key': stockroom.apiKey },
    partnerA: { authorization: keys[0]! },
    partnerB: { authorization: keys[1]! },
    stage,
    stockroom,
    gql,
    stop: async () => {
      db.destroy();
      await stockroom.stop();
    },
  };
}

export const ITEM_FIELDS = 'productId warehouseId onHand reserved available threshold status version sequence updatedAt';
export const RESERVATION_FIELDS = 'id requestId status partnerId expiresAt createdAt updatedAt lines { productId warehouseId quantity }';

export const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { ${ITEM_FIELDS} } }`;
export const STOCK_LEVEL = `query($p: ID!, $w: ID!) { stockLevel(productId: $p, warehouseId: $w) { ${ITEM_FIELDS} } }`;
export const PRODUCT_STOCK = `query($p: ID!) { productStock(productId: $p) { productId onHand reserved available status items { ${ITEM_FIELDS} } } }`;
export const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { ${RESERVATION_FIELDS} } }`;
export const RELEASE = `mutation($id: ID!) { releaseReservation(id: $id) { ${RESERVATION_FIELDS} } }`;
export const CONFIRM = `mutation($id: ID!) { confirmReservation(id: $id) { ${RESERVATION_FIELDS} } }`;
export const EXTEND = `mutation($id: ID!, $ttl: Int!) { extendReservation(id: $id, ttlSeconds: $ttl) { ${RESERVATION_FIELDS} } }`;
export const COMMIT = `mutation($input: CommitStockInput!) { commitStock(input: $input) { id requestId partnerId createdAt lines { productId warehouseId quantity } } }`;
export const RESERVATION = `query($id: ID!) { reservation(id: $id) { ${RESERVATION_FIELDS} } }`;
export const LEDGER = `query($p: ID!, $w: ID!, $since: Int, $limit: Int, $next: String) { stockLedger(productId: $p, warehouseId: $w, sinceSequence: $since, limit: $limit, nextToken: $next) { nextToken items { sequence reason actor reference onHandDelta reservedDelta onHandAfter reservedAfter availableAfter at } } }`;
export const CHECK = `query($p: ID!) { checkInventoryConsistency(productId: $p) { productId consistent items { warehouseId onHand reserved available expectedReserved expectedOnHand ledgerSequence sequence ledgerBehind mismatches } } }`;
export const REPAIR = `mutation($p: ID!, $w: ID!) { repairInventory(productId: $p, warehouseId: $w) { ${ITEM_FIELDS} } }`;
