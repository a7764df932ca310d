/**
 * Load test for createOrder against a deployed stage (or the local server): replays a burst
 * profile open-loop (requests start on schedule whether or not earlier ones finished), mixing new
 * orders with retries of earlier ones (same idempotency key, same payload, as a client that timed
 * out would send), and reports latency percentiles, errors by type, and duplicates found (a key
 * answered with two different order ids, which must never happen).
 *
 *   STOCKROOM_URL=https://<api>.appsync-api.<region>.amazonaws.com/graphql \
 *   STOCKROOM_PARTNER_KEY=sk_... npx tsx bench/load/order-burst.ts
 *
 * Options (environment): LOAD_PROFILE (default 500@10,5000@10,500@10; see profile.ts),
 * LOAD_RETRY_SHARE (0..1, default 0.2), LOAD_MAX_IN_FLIGHT (default 4000), LOAD_DEBUG=1 (print network errors), LOAD_PRODUCTS
 * (comma-separated product ids, default p1,p2,p3). Against the local server use the URL and a
 * partner key from `.stockroom/local.json`, at a rate the machine holds.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DEFAULT_PROFILE, dueBy, parseProfile, percentile, totalSeconds } from './profile.js';

const CREATE = 'mutation C($input: CreateOrderInput!) { createOrder(input: $input) { id } }';

interface Sent {
  key: string;
  body: string;
}

function env(name: string, fallback?: string): string {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') throw new Error(`${name} is required`);
  return v;
}

async function main(): Promise<void> {
  const url = new URL(env('STOCKROOM_URL'));
  const key = env('STOCKROOM_PARTNER_KEY').trim();
  const phases = parseProfile(env('LOAD_PROFILE', DEFAULT_PROFILE));
  const retryShare = Number(env('LOAD_RETRY_SHARE', '0.2'));
  const maxInFlight = Number(env('LOAD_MAX_IN_FLIGHT', '4000'));
  const products = env('LOAD_PRODUCTS', 'p1,p2,p3').split(',');
  const https = url.protocol === 'https:';
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: maxInFlight })
    : new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const send = (body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        {
          host: url.hostname,
          port: url.port || (https ? 443 : 80),
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: key },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const sent: Sent[] = [];
  const idsByKey = new Map<string, Set<string>>();
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let inFlight = 0;
  let started = 0;
  let skipped = 0;
  let retries = 0;
  const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);

  const fire = (): void => {
    let job: Sent;
    if (sent.length > 0 && Math.random() < retryShare) {
      job = sent[Math.floor(Math.random() * sent.length)]!;
      retries += 1;
    } else {
      const idempotencyKey = randomUUID();
      const items = products.map((productId) => ({
        productId,
        quantity: 1 + Math.floor(Math.random() * 3),
        unitPrice: 100 + Math.floor(Math.random() * 9900),
      }));
      job = {
        key: idempotencyKey,
        body: JSON.stringify({
          query: CREATE,
          variables: { input: { customerId: `load-${Math.floor(Math.random() * 1000)}`, currency: 'EUR', idempotencyKey, items } },
        }),
      };
      sent.push(job);
    }
    inFlight += 1;
    const t = performance.now();
    send(job.body)
      .then(({ status, text }) => {
        latencies.push(performance.now() - t);
        if (status >= 500) return count(`HTTP ${status}`);
        const body = JSON.parse(text) as { data?: { createOrder?: { id: string } | null } | null; errors?: { errorType?: string }[] };
        const id = body.data?.createOrder?.id;
        if (!id) return count(body.errors?.[0]?.errorType ?? `HTTP ${status}`);
        count('order');
        const ids = idsByKey.get(job.key) ?? new Set<string>();
        ids.add(id);
        idsByKey.set(job.key, ids);
      })
      .catch((error: unknown) => {
        count('network error');
        if (process.env['LOAD_DEBUG']) process.stderr.write(`${String(error)}\n`);
      })
      .finally(() => (inFlight -= 1));
  };

  const begin = performance.now();
  const duration = totalSeconds(phases);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - begin) / 1000;
      const due = dueBy(phases, Math.min(elapsed, duration));
      for (; started < due; started++) {
        if (inFlight >= maxInFlight) skipped += 1;
        else fire();
      }
      if (elapsed >= duration) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const duplicates = [...idsByKey.values()].filter((ids) => ids.size > 1).length;
  const report = {
    url: url.origin,
    profile: phases,
    seconds: Number(((performance.now() - begin) / 1000).toFixed(1)),
    requests: latencies.length,
    retries,
    skippedClientSaturated: skipped,
    outcomes,
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p95Ms: Number(percentile(latencies, 95).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    keysAnswered: idsByKey.size,
    duplicatesFound: duplicates,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (duplicates > 0) process.exitCode = 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
