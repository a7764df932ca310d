/**
 * `Query.stockLevel` through the local AppSync server (HTTP, API key auth, graphql-js, APPSYNC_JS
 * resolver, DynamoDB data source) against a raw strongly consistent GetItem of the same item on the
 * same DynamoDB Local, in one run. Loopback only, bounded request counts.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Agent } from 'node:http';
import { request } from 'node:http';
import { startStockroom } from '../local/server/start.js';
import { createDynamoClient, startDynamoLocal } from '../local/services/dynamodb-local.js';
import { measure, type BenchReport } from './report.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 3000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);

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
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
    const url = new URL(s.graphqlUrl);
    const set = JSON.stringify({
      query: 'mutation { setStock(input: {productId: "bench-p", warehouseId: "w1", onHand: 100, threshold: 10}) { version } }',
    });
    await post(url, agent, set, { authorization: s.adminToken });
    const query = JSON.stringify({
      query:
        'query Stock($p: ID!, $w: ID!) { stockLevel(productId: $p, warehouseId: $w) { productId warehouseId onHand reserved available threshold status version updatedAt } }',
      variables: { p: 'bench-p', w: 'w1' },
    });
    const check = JSON.parse(await post(url, agent, query, { 'x-api-key': s.apiKey })) as { data?: { stockLevel?: { onHand: number } } };
    if (check.data?.stockLevel?.onHand !== 100) throw new Error(`unexpected stockLevel answer: ${JSON.stringify(check)}`);

    const getItem = new GetItemCommand({
      TableName: s.tableName,
      Key: { pk: { S: 'PRODUCT#bench-p' }, sk: { S: 'STOCK#w1' } },
      ConsistentRead: true,
    });
    const options = { requests: REQUESTS, concurrency: CONCURRENCY, warmup: 200 };
    // Alternate raw and API rounds and keep each side's best: DynamoDB Local's JVM warms up during the run.
    const raw1 = await measure('raw GetItem (DynamoDB Local)', async () => void (await client.send(getItem)), options);
    const api1 = await measure(
      'stockLevel via local AppSync (API key)',
      async () => void (await post(url, agent, query, { 'x-api-key': s.apiKey })),
      options,
    );
    const raw2 = await measure('raw GetItem (DynamoDB Local), again', async () => void (await client.send(getItem)), options);
    const api2 = await measure(
      'stockLevel via local AppSync (API key), again',
      async () => void (await post(url, agent, query, { 'x-api-key': s.apiKey })),
      options,
    );
    const raw = raw1.throughput >= raw2.throughput ? raw1 : raw2;
    const api = api1.throughput >= api2.throughput ? api1 : api2;
    return {
      title: `stockLevel through the local server vs raw GetItem (${REQUESTS} requests, concurrency ${CONCURRENCY})`,
      measurements: [raw1, api1, raw2, api2],
      ratios: [
        { name: 'stockLevel best throughput / best raw GetItem throughput', value: api.throughput / raw.throughput, target: 0.6 },
        { name: 'raw GetItem p50 / stockLevel p50', value: raw.p50Ms / api.p50Ms },
      ],
      notes: ['Both sides use the same DynamoDB Local, strongly consistent reads, loopback, keep-alive connections.'],
    };
  } finally {
    agent.destroy();
    client.destroy();
    await s.stop();
    await dynamo.stop();
  }
}
