/**
 * reserveStock through the local server versus the raw DynamoDB work it stands for, in one run:
 * (1) a 2-line reservation vs a raw TransactWriteItems of the same shape (a reservation Put and
 *     two conditional Updates), and
 * (2) the hot-SKU case: 200 concurrent reservers on one item, successful holds per second vs raw
 *     conditional updates on one item.
 * Loopback only, bounded request counts; each side gets fresh stock so every request succeeds.
 */
import { TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Agent, request } from 'node:http';
import { startStockroom } from '../local/server/start.js';
import { createDynamoClient, startDynamoLocal } from '../local/services/dynamodb-local.js';
import { measure, type BenchReport } from './report.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 1500);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const HOT_REQUESTS = Number(process.env['BENCH_HOT_REQUESTS'] ?? 2000);
const HOT_CONCURRENCY = 200;

export function post(
  url: URL,
  agent: Agent,
  body: string,
  headers: Record<string, string>,
): Promise<{ data?: Record<string, unknown>; errors?: { errorType: string }[] }> {
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
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const RESERVE = 'mutation R($input: ReserveStockInput!) { reserveStock(input: $input) { id status } }';

export async function run(): Promise<BenchReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const s = await startStockroom({
    dynamoEndpoint: dynamo.endpoint,
    stage: 'benchres',
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    log: () => undefined,
  });
  const client = createDynamoClient(dynamo.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: HOT_CONCURRENCY });
  const url = new URL(s.graphqlUrl);
  const admin = { authorization: s.adminToken };
  const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    post(url, agent, JSON.stringify({ query, variables }), headers);
  try {
    const key = await gql(
      'mutation K($s: [String!]!) { createPartnerKey(partnerId: "bench-partner", scopes: $s) { secret } }',
      { s: ['inventory:reserve', 'inventory:read'] },
      admin,
    );
    const partner = { authorization: String((key.data?.['createPartnerKey'] as { secret: string }).secret) };
    const big = 10_000_000;
    for (const [p, w] of [
      ['bench-a', 'w1'],
      ['bench-b', 'w1'],
      ['hot', 'w1'],
      ['raw-a', 'w1'],
      ['raw-b', 'w1'],
      ['raw-hot', 'w1'],
    ] as const) {
      const r = await gql(
        'mutation S($i: SetStockInput!) { setStock(input: $i) { version } }',
        { i: { productId: p, warehouseId: w, onHand: big } },
        admin,
      );
      if (r.errors) throw new Error(`setStock failed: ${JSON.stringify(r.errors)}`);
    }

    let n = 0;
    const reserveTwo = async () => {
      n += 1;
      const r = await gql(
        RESERVE,
        {
          input: {
            requestId: `bench-${n}`,
            lines: [
              { productId: 'bench-a', warehouseId: 'w1', quantity: 1 },
              { productId: 'bench-b', warehouseId: 'w1', quantity: 1 },
            ],
          },
        },
        partner,
      );
      if (r.errors) throw new Error(`reserveStock failed: ${JSON.stringify(r.errors)}`);
    };
    const table = s.tableName;
    const movement = (q: number) => ({
      M: {
        reason: { S: 'RESERVED' },
        actor: { S: 'partner:bench' },
        reference: { S: 'x' },
        onHandDelta: { N: '0' },
        reservedDelta: { N: String(q) },
        at: { S: new Date().toISOString() },
      },
    });
    const rawUpdate = (productId: string) => ({
      Update: {
        TableName: table,
        Key: { pk: { S: `PRODUCT#${productId}` }, sk: { S: 'STOCK#w1' } },
        UpdateExpression:
          'SET reserved = reserved + :q, available = available - :q, #seq = #seq + :one, updatedAt = :now, lastMovement = :m',
        ConditionExpression: 'attribute_exists(pk) AND available >= :q',
        ExpressionAttributeNames: { '#seq': 'sequence' },
        ExpressionAttributeValues: { ':q': { N: '1' }, ':one': { N: '1' }, ':now': { S: new Date().toISOString() }, ':m': movement(1) },
      },
    });
    // What one hold writes, raw: the reservation record (new id each time) and a conditional update per item.
    let m = 0;
    const rawReservation = (products: readonly string[]) => async () => {
      m += 1;
      const id = `raw-${m}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: {
                  pk: { S: `RESERVATION#${id}` },
                  sk: { S: 'RESERVATION' },
                  id: { S: id },
                  status: { S: 'ACTIVE' },
                  lines: { L: [] },
                  expiresAt: { S: new Date().toISOString() },
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...products.map((p) => rawUpdate(p)),
          ],
        }),
      );
    };
    const rawTransaction = rawReservation(['raw-a', 'raw-b']);
    const options = { requests: REQUESTS, concurrency: CONCURRENCY, warmup: 300 };
    // Alternate raw and API rounds and keep each side's best: DynamoDB Local's JVM keeps warming up.
    const raw1 = await measure('raw TransactWriteItems (Put + 2 conditional Updates)', rawTransaction, options);
    const api1 = await measure('reserveStock, 2 lines, via local AppSync (partner key)', reserveTwo, options);
    const raw2 = await measure('raw TransactWriteItems, again', rawTransaction, options);
    const api2 = await measure('reserveStock, 2 lines, again', reserveTwo, options);
    const raw = raw1.throughput >= raw2.throughput ? raw1 : raw2;
    const api = api1.throughput >= api2.throughput ? api1 : api2;

    let h = 0;
    const hotReserve = async () => {
      h += 1;
      const r = await gql(
        RESERVE,
        { input: { requestId: `hot-${h}`, lines: [{ productId: 'hot', warehouseId: 'w1', quantity: 1 }] } },
        partner,
      );
      if (r.errors) throw new Error(`hot reserveStock failed: ${JSON.stringify(r.errors)}`);
    };
    const rawHot = async () => void (await client.send(new UpdateItemCommand({ ...rawUpdate('raw-hot').Update })));
    const rawHotTransaction = rawReservation(['raw-hot']);
    const hotOptions = { requests: HOT_REQUESTS, concurrency: HOT_CONCURRENCY, warmup: 50 };
    const hotRaw = await measure('raw conditional UpdateItem on one item, 200 concurrent', rawHot, hotOptions);
    const hotApi = await measure('reserveStock on one hot item, 200 concurrent reservers', hotReserve, hotOptions);
    const hotRawTx = await measure(
      'raw TransactWriteItems (Put + conditional Update) on one item, 200 concurrent',
      rawHotTransaction,
      hotOptions,
    );
    const hotRaw2 = await measure('raw conditional UpdateItem on one item, again', rawHot, hotOptions);
    const hotRawBest = hotRaw.throughput >= hotRaw2.throughput ? hotRaw : hotRaw2;
    return {
      title: `reserveStock through the local server vs raw DynamoDB Local (${REQUESTS} requests at concurrency ${CONCURRENCY}; hot SKU ${HOT_REQUESTS} at ${HOT_CONCURRENCY})`,
      measurements: [raw1, api1, raw2, api2, hotRaw, hotApi, hotRawTx, hotRaw2],
      ratios: [
        {
          name: 'reserveStock (2 lines) best throughput / best raw TransactWriteItems',
          value: api.throughput / raw.throughput,
          target: 0.7,
        },
        {
          name: 'hot SKU: successful holds/s / best raw conditional updates/s on one item',
          value: hotApi.throughput / hotRawBest.throughput,
          target: 0.5,
        },
        {
          name: 'hot SKU: successful holds/s / raw transactions/s of the same shape on one item',
          value: hotApi.throughput / hotRawTx.throughput,
        },
      ],
      notes: [
        'Every measured request succeeded (stock is large): throughput counts successful holds.',
        'reserveStock runs a 4-step pipeline (before, warehouse allocation skipped by earlyReturn, transaction, after) plus auth through the Lambda authorizer cache.',
      ],
    };
  } finally {
    agent.destroy();
    client.destroy();
    await s.stop();
    await dynamo.stop();
  }
}
