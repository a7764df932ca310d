/**
 * `searchProducts` and `recommendations` through the local AppSync server (HTTP, graphql-js,
 * APPSYNC_JS pipelines, DynamoDB data source) against the raw DynamoDB requests they make, on the
 * same DynamoDB Local in one run: a catalog of 10,000 products (seeded with the model's keys, as
 * upsertProduct writes them) and a customer with 100 orders. Loopback only, bounded request counts.
 */
import { BatchGetItemCommand, BatchWriteItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Agent, request } from 'node:http';
import { startStockroom } from '../local/server/start.js';
import { createDynamoClient, startDynamoLocal } from '../local/services/dynamodb-local.js';
import {
  ALL_PRODUCTS_PARTITION,
  categoryPartition,
  popularitySortKey,
  productKey,
  searchPartition,
  searchTokenIndexKeys,
  searchTokenKey,
} from '../model/catalog/keys.js';
import { distinctWords, nameSortKey } from '../model/catalog/normalize.js';
import { customerIndexPartition, orderKey, orderSortKey } from '../model/orders/keys.js';
import { measure, type BenchReport } from './report.js';

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 10000);
const ORDERS = 100;
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 600);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const CATEGORIES = ['coffee', 'tea', 'milk', 'mugs', 'equipment', 'snacks', 'syrups', 'gifts', 'books', 'cleaning'];
const WORDS = ['arabica', 'robusta', 'blend', 'single', 'origin', 'organic', 'dark', 'light', 'medium', 'roast'];

function post(url: URL, agent: Agent, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          res.statusCode === 200 && !text.includes('"errors"') ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A product and its search tokens exactly as upsertProduct stores them. */
function productItems(i: number): Record<string, unknown>[] {
  const id = `bp-${i}`;
  const category = CATEGORIES[i % CATEGORIES.length] as string;
  const name = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} n${i}`;
  const popularity = (i * 7919) % 1000;
  const words = distinctWords(name);
  const now = new Date().toISOString();
  const product = {
    ...productKey(id),
    entity: 'Product',
    id,
    name,
    description: null,
    price: 100 + (i % 5000),
    currency: 'EUR',
    category,
    attributes: null,
    popularity,
    version: 1,
    searchWords: words,
    createdAt: now,
    updatedAt: now,
    gsi9pk: categoryPartition(category),
    gsi9sk: popularitySortKey(popularity, id),
    gsi10pk: categoryPartition(category),
    gsi10sk: `${nameSortKey(name)}#${id}`,
    gsi11pk: ALL_PRODUCTS_PARTITION,
    gsi11sk: popularitySortKey(popularity, id),
  };
  const tokens = words.map((word) => ({
    ...searchTokenKey(id, word),
    entity: 'ProductSearchToken',
    productId: id,
    word,
    category,
    ...searchTokenIndexKeys(id, category, word),
  }));
  return [product, ...tokens];
}

function orderItem(n: number): Record<string, unknown> {
  const id = `ord_bench${String(n).padStart(4, '0')}`;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  const items = [0, 1, 2].map((k) => ({
    productId: `bp-${(n * 31 + k * 17) % PRODUCTS}`,
    warehouseId: null,
    quantity: 1,
    unitPrice: 100,
    lineTotal: 100,
  }));
  return {
    ...orderKey(id),
    entity: 'Order',
    id,
    customerId: 'bench-cust',
    partnerId: null,
    items,
    currency: 'EUR',
    total: 300,
    status: 'PENDING',
    createdAt,
    updatedAt: createdAt,
    gsi2pk: customerIndexPartition('bench-cust'),
    gsi2sk: orderSortKey(createdAt, id),
  };
}

async function seed(client: ReturnType<typeof createDynamoClient>, table: string): Promise<void> {
  const items = [
    ...Array.from({ length: PRODUCTS }, (_, i) => productItems(i)).flat(),
    ...Array.from({ length: ORDERS }, (_, n) => orderItem(n)),
  ];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        let pending: Record<string, { PutRequest: { Item: Record<string, AttributeValue> } }[]> = {
          [table]: batch.map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })),
        };
        while (Object.keys(pending).length > 0) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: pending }));
          pending = (out.UnprocessedItems ?? {}) as typeof pending;
        }
      }
    }),
  );
}

export async function run(): Promise<BenchReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const s = await startStockroom({
    dynamoEndpoint: dynamo.endpoint,
    stage: 'bench',
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    log: () => undefined,
  });
  const client = createDynamoClient(dynamo.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    await seed(client, s.tableName);
    const url = new URL(s.graphqlUrl);
    const search = JSON.stringify({
      query: 'query { searchProducts(prefix: "arab", limit: 20) { items { id name price popularity } nextToken } }',
    });
    const recommend = JSON.stringify({ query: 'query { recommendations(customerId: "bench-cust", limit: 10) { id name popularity } }' });
    const admin = { authorization: s.adminToken };
    const check = JSON.parse(await post(url, agent, recommend, admin)) as { data?: { recommendations?: unknown[] } };
    if (check.data?.recommendations?.length !== 10) throw new Error(`unexpected recommendations: ${JSON.stringify(check)}`);

    // The raw requests the resolvers make, in the same order.
    const rawSearch = async (): Promise<void> => {
      const tokens = await client.send(
        new QueryCommand({
          TableName: s.tableName,
          IndexName: 'gsi11',
          KeyConditionExpression: 'gsi11pk = :pk AND begins_with(gsi11sk, :p)',
          ExpressionAttributeValues: { ':pk': { S: searchPartition('a') }, ':p': { S: 'arab' } },
          Limit: 20,
        }),
      );
      const ids = [...new Set((tokens.Items ?? []).map((t) => t['productId']?.S as string))];
      await client.send(new BatchGetItemCommand({ RequestItems: { [s.tableName]: { Keys: ids.map((id) => marshall(productKey(id))) } } }));
    };
    const rawRecommend = async (): Promise<void> => {
      const orders = await client.send(
        new QueryCommand({
          TableName: s.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :o)',
          ExpressionAttributeValues: { ':pk': { S: customerIndexPartition('bench-cust') }, ':o': { S: 'ORDER#' } },
          ScanIndexForward: false,
          Limit: ORDERS,
        }),
      );
      const bought = [...new Set((orders.Items ?? []).flatMap((o) => (o['items']?.L ?? []).map((i) => i.M?.['productId']?.S as string)))];
      await client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [s.tableName]: { Keys: bought.slice(0, 100).map((id) => marshall(productKey(id))), ProjectionExpression: 'entity, category' },
          },
        }),
      );
      for (const [index, pk, limit] of [
        ['gsi9', categoryPartition('coffee'), 10 + 30],
        ['gsi11', ALL_PRODUCTS_PARTITION, 100],
      ] as const) {
        await client.send(
          new QueryCommand({
            TableName: s.tableName,
            IndexName: index,
            KeyConditionExpression: `${index}pk = :pk`,
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
      }
    };
    const options = { requests: REQUESTS, concurrency: CONCURRENCY, warmup: 50 };
    const rawS = await measure('raw Query gsi11 + BatchGetItem (searchProducts)', rawSearch, options);
    const apiS = await measure(
      'searchProducts via local AppSync (API key)',
      async () => void (await post(url, agent, search, { 'x-api-key': s.apiKey })),
      options,
    );
    const rawR = await measure('raw Query gsi2 + BatchGetItem + Query gsi9 + Query gsi11 (recommendations)', rawRecommend, options);
    const apiR = await measure(
      'recommendations via local AppSync (admin)',
      async () => void (await post(url, agent, recommend, admin)),
      options,
    );
    return {
      title: `Catalog reads through the local server vs their raw DynamoDB requests (${PRODUCTS} products, ${ORDERS} orders, ${REQUESTS} requests, concurrency ${CONCURRENCY})`,
      measurements: [rawS, apiS, rawR, apiR],
      ratios: [
        { name: 'searchProducts throughput / raw throughput', value: apiS.throughput / rawS.throughput, target: 0.6 },
        { name: 'recommendations throughput / raw throughput', value: apiR.throughput / rawR.throughput, target: 0.6 },
      ],
      notes: [
        'Same DynamoDB Local, loopback, keep-alive; the raw side makes the same requests in the same order, without HTTP, GraphQL or APPSYNC_JS.',
      ],
    };
  } finally {
    agent.destroy();
    client.destroy();
    await s.stop();
    await dynamo.stop();
  }
}
