/**
 * createOrder through the local server versus the raw DynamoDB work it stands for, in one run:
 * (1) 3 items with an idempotency key vs a raw TransactWriteItems of the same shape (the
 *     idempotency record Put and the order Put, both conditional), and
 * (2) checkout: 3 items from a 3-line reservation vs a raw TransactWriteItems of the same shape
 *     (record Put, order Put, reservation Update, 3 stock Updates).
 * The API side also does what the raw side does not: auth, validation, the consistent BatchGetItem
 * of step 01. Loopback only, bounded request counts; every measured request must succeed.
 */
import { BatchWriteItemCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { Agent } from 'node:http';
import { startStockroom } from '../local/server/start.js';
import { createDynamoClient, startDynamoLocal } from '../local/services/dynamodb-local.js';
import { measure, type BenchReport } from './report.js';
import { post } from './reserve-stock.js';

const REQUESTS = Number(process.env['BENCH_ORDER_REQUESTS'] ?? 1000);
const CHECKOUT_REQUESTS = Number(process.env['BENCH_CHECKOUT_REQUESTS'] ?? 400);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const WARMUP = 100;

const CREATE = 'mutation C($input: CreateOrderInput!) { createOrder(input: $input) { id status total } }';
const RESERVE = 'mutation R($input: ReserveStockInput!) { reserveStock(input: $input) { id } }';
const PRODUCTS = ['bench-o1', 'bench-o2', 'bench-o3'];
const RAW_PRODUCTS = ['raw-o1', 'raw-o2', 'raw-o3'];

const s = (v: string): AttributeValue => ({ S: v });
const n = (v: number): AttributeValue => ({ N: String(v) });

export async function run(): Promise<BenchReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const stockroom = await startStockroom({
    dynamoEndpoint: dynamo.endpoint,
    stage: 'benchord',
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    schedules: false,
    log: () => undefined,
  });
  const client = createDynamoClient(dynamo.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(stockroom.graphqlUrl);
  const admin = { authorization: stockroom.adminToken };
  const gql = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const r = await post(url, agent, JSON.stringify({ query, variables }), headers);
    if (r.errors) throw new Error(`${query.slice(0, 30)}… failed: ${JSON.stringify(r.errors)}`);
    return r.data ?? {};
  };
  const table = stockroom.tableName;
  try {
    const key = await gql(
      'mutation K($s: [String!]!) { createPartnerKey(partnerId: "bench-partner", scopes: $s) { secret } }',
      { s: ['inventory:reserve', 'orders:write', 'orders:read'] },
      admin,
    );
    const partner = { authorization: (key['createPartnerKey'] as { secret: string }).secret };
    for (const p of [...PRODUCTS, ...RAW_PRODUCTS])
      await gql(
        'mutation S($i: SetStockInput!) { setStock(input: $i) { version } }',
        { i: { productId: p, warehouseId: 'w1', onHand: 10_000_000 } },
        admin,
      );

    // (1) createOrder with a key vs its raw transaction.
    let orders = 0;
    const createOrder = async () => {
      orders += 1;
      await gql(
        CREATE,
        {
          input: {
            customerId: 'bench-customer',
            currency: 'EUR',
            idempotencyKey: `bench-${orders}`,
            items: PRODUCTS.map((productId, i) => ({ productId, quantity: i + 1, unitPrice: 1999 })),
          },
        },
        partner,
      );
    };
    let raws = 0;
    const orderItem = (id: string, extra: Record<string, AttributeValue> = {}): Record<string, AttributeValue> => ({
      pk: s(`ORDER#${id}`),
      sk: s('ORDER'),
      entity: s('Order'),
      id: s(id),
      customerId: s('bench-customer'),
      partnerId: s('bench-partner'),
      currency: s('EUR'),
      total: n(11994),
      status: s('PENDING'),
      items: {
        L: RAW_PRODUCTS.map((p, i) => ({
          M: { productId: s(p), warehouseId: { NULL: true }, quantity: n(i + 1), unitPrice: n(1999), lineTotal: n((i + 1) * 1999) },
        })),
      },
      createdAt: s(new Date().toISOString()),
      updatedAt: s(new Date().toISOString()),
      statusHistory: { L: [] },
      version: n(1),
      gsi1pk: s('ORDER#STATUS#PENDING'),
      gsi1sk: s(`ORDER#${new Date().toISOString()}#${id}`),
      gsi2pk: s('CUSTOMER#bench-customer'),
      gsi2sk: s(`ORDER#${id}`),
      gsi3pk: s('PARTNER#bench-partner#CUSTOMER#bench-customer'),
      gsi3sk: s(`ORDER#${id}`),
      gsi4pk: s('ORDER'),
      gsi4sk: s(`ORDER#${id}`),
      ...extra,
    });
    const recordAndOrder = (id: string) => [
      {
        Put: {
          TableName: table,
          Item: {
            pk: s(`ORDERKEY#bench-partner#${id}`),
            sk: s('ORDERKEY'),
            orderId: s(id),
            payload: s('x'),
            expiresAtMs: n(Date.now() + 86_400_000),
            ttl: n(0),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now',
          ExpressionAttributeValues: { ':now': n(Date.now()) },
        },
      },
      { Put: { TableName: table, Item: orderItem(id), ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    const rawOrder = async () => {
      raws += 1;
      await client.send(new TransactWriteItemsCommand({ TransactItems: recordAndOrder(`raw-${raws}`) }));
    };

    // (2) checkout: reservations made beforehand (not measured), then order + confirm + commit.
    const reservations: string[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; i < CHECKOUT_REQUESTS * 2 + WARMUP * 2; i += CONCURRENCY) {
          const r = await gql(
            RESERVE,
            { input: { requestId: `hold-${i}`, lines: PRODUCTS.map((productId) => ({ productId, warehouseId: 'w1', quantity: 1 })) } },
            partner,
          );
          reservations.push((r['reserveStock'] as { id: string }).id);
        }
      }),
    );
    const checkout = async () => {
      const reservationId = reservations.pop();
      if (!reservationId) throw new Error('out of reservations');
      await gql(
        CREATE,
        {
          input: {
            customerId: 'bench-customer',
            currency: 'EUR',
            reservationId,
            idempotencyKey: `co-${reservationId}`,
            items: PRODUCTS.map((productId) => ({ productId, quantity: 1, unitPrice: 1999 })),
          },
        },
        partner,
      );
    };
    const rawHolds: string[] = [];
    for (let i = 0; i < CHECKOUT_REQUESTS * 2 + WARMUP * 2; i += 25) {
      const batch = Array.from({ length: 25 }, (_, j) => `rawhold-${i + j}`);
      rawHolds.push(...batch);
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: batch.map((id) => ({
              PutRequest: {
                Item: {
                  pk: s(`RESERVATION#${id}`),
                  sk: s('RESERVATION'),
                  id: s(id),
                  status: s('ACTIVE'),
                  expiresAtEpoch: n(Math.floor(Date.now() / 1000) + 3600),
                },
              },
            })),
          },
        }),
      );
    }
    const rawCheckout = async () => {
      const id = rawHolds.pop();
      if (!id) throw new Error('out of raw holds');
      const now = new Date().toISOString();
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            ...recordAndOrder(`rawco-${id}`),
            {
              Update: {
                TableName: table,
                Key: { pk: s(`RESERVATION#${id}`), sk: s('RESERVATION') },
                UpdateExpression: 'SET #s = :c, updatedAt = :now REMOVE gsi1pk, gsi1sk',
                ConditionExpression: '#s = :a AND expiresAtEpoch > :e',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: {
                  ':c': s('CONFIRMED'),
                  ':a': s('ACTIVE'),
                  ':now': s(now),
                  ':e': n(Math.floor(Date.now() / 1000)),
                },
              },
            },
            ...RAW_PRODUCTS.map((p) => ({
              Update: {
                TableName: table,
                Key: { pk: s(`PRODUCT#${p}`), sk: s('STOCK#w1') },
                UpdateExpression:
                  'SET onHand = onHand - :q, reserved = reserved - :q, #seq = #seq + :one, version = version + :one, updatedAt = :now, lastMovement = :m',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#seq': 'sequence' },
                ExpressionAttributeValues: {
                  ':q': n(0),
                  ':one': n(1),
                  ':now': s(now),
                  ':m': {
                    M: {
                      reason: s('CONFIRMED'),
                      actor: s('partner:bench'),
                      reference: s(id),
                      onHandDelta: n(0),
                      reservedDelta: n(0),
                      at: s(now),
                    },
                  },
                },
              },
            })),
          ],
        }),
      );
    };

    const options = { requests: REQUESTS, concurrency: CONCURRENCY, warmup: WARMUP };
    const checkoutOptions = { requests: CHECKOUT_REQUESTS, concurrency: CONCURRENCY, warmup: WARMUP };
    // Alternate raw and API rounds and keep each side's best: DynamoDB Local's JVM keeps warming up.
    const raw1 = await measure('raw TransactWriteItems (record Put + order Put)', rawOrder, options);
    const api1 = await measure('createOrder, 3 items, with key, via local AppSync (partner key)', createOrder, options);
    const raw2 = await measure('raw TransactWriteItems, again', rawOrder, options);
    const api2 = await measure('createOrder, again', createOrder, options);
    const coRaw1 = await measure(
      'raw checkout TransactWriteItems (2 Puts + reservation Update + 3 stock Updates)',
      rawCheckout,
      checkoutOptions,
    );
    const coApi1 = await measure('createOrder checkout (3-line reservation), via local AppSync', checkout, checkoutOptions);
    const coRaw2 = await measure('raw checkout TransactWriteItems, again', rawCheckout, checkoutOptions);
    const coApi2 = await measure('createOrder checkout, again', checkout, checkoutOptions);
    const best = (a: { throughput: number }, b: { throughput: number }) => Math.max(a.throughput, b.throughput);
    return {
      title: `createOrder through the local server vs raw DynamoDB Local (${REQUESTS} orders, ${CHECKOUT_REQUESTS} checkouts, concurrency ${CONCURRENCY})`,
      measurements: [raw1, api1, raw2, api2, coRaw1, coApi1, coRaw2, coApi2],
      ratios: [
        {
          name: 'createOrder (3 items, key) best throughput / best raw TransactWriteItems',
          value: best(api1, api2) / best(raw1, raw2),
          target: 0.7,
        },
        {
          name: 'checkout best throughput / best raw checkout TransactWriteItems',
          value: best(coApi1, coApi2) / best(coRaw1, coRaw2),
          target: 0.7,
        },
      ],
      notes: [
        'Every measured request succeeded; each order has its own key, each checkout its own reservation.',
        'createOrder runs a 3-step pipeline: a consistent BatchGetItem (idempotency record, reservation), the transaction, and a skipped read-back; the raw side only writes.',
      ],
    };
  } finally {
    agent.destroy();
    client.destroy();
    await stockroom.stop();
    await dynamo.stop();
  }
}
