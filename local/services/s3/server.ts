/**
 * The local S3 (`@20minutes/s3rver`) for the ingest bucket: the real `@aws-sdk/client-s3` and its
 * presigner talk to it with the stage's local IAM credentials (registered with s3rver, which
 * checks SigV4 signatures). Object-created notifications of the wired `s3Upload` triggers are
 * reshaped as AWS S3 events (`events.ts`) and delivered as the wiring declares: through a local
 * queue as SQS events (`queue.ts`) for a trigger with `queue`, else straight to the function.
 *
 *   const s3 = await startLocalS3({ stage, credentials, invoke, dlq });
 *   s3.url; s3.buckets.ingest; await s3.drain(); await s3.close();
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from '@20minutes/s3rver';
import { DUMMY_ACCOUNT } from '@20minutes/s3rver/lib/models/account.js';
import { resourceName, wiring as defaultWiring, type Wiring } from '../../../build/wiring.js';
import { ingestCorsXml } from '../../../build/ingest-cors.js';
import { dlqName, type LocalDlq } from '../dlq.js';
import { toAwsS3Records, type S3rverEvent } from './events.js';
import { createLocalQueue, type LocalQueue } from './queue.js';

export interface LocalS3Options {
  readonly stage: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
  readonly accountId?: string;
  /** Where objects are kept; default a fresh temporary folder. */
  readonly directory?: string;
  readonly host?: string;
  readonly port?: number;
  /**
   * Browser origins allowed to PUT and GET with presigned URLs (the admin app's); default the
   * local server's: any port of `host`, 127.0.0.1 and localhost, over http and https.
   */
  readonly corsOrigins?: readonly string[];
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly dlq: LocalDlq;
  /** How long a failed message stays invisible before its next delivery (default 1 s). */
  readonly visibilityDelayMs?: number;
  readonly wiring?: Wiring;
  readonly log?: (message: string) => void;
}

export interface LocalS3 {
  readonly url: string;
  /** Physical bucket names by logical name (`ingest`). */
  readonly buckets: { readonly ingest: string };
  /** Resolves once every notification so far was delivered (or parked in the DLQ). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The origins a local server on `host` serves the admin app from: any port (the server's is
 * chosen after the S3 starts). Listening on every interface, the app may be reached by any name.
 */
export function localOrigins(host: string): string[] {
  if (host === '0.0.0.0' || host === '::') return ['*'];
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host]);
  return [...names].flatMap((name) => [`http://${name}:*`, `https://${name}:*`]);
}

export async function startLocalS3(o: LocalS3Options): Promise<LocalS3> {
  const w = o.wiring ?? defaultWiring;
  const region = o.region ?? 'us-east-1';
  const accountId = o.accountId ?? '000000000000';
  const log = o.log ?? (() => undefined);
  const ingest = resourceName(o.stage, 'ingest');
  const directory = o.directory ?? join(tmpdir(), `stockroom-s3-${randomBytes(6).toString('hex')}`);
  mkdirSync(directory, { recursive: true });
  // s3rver verifies signatures against its account's keys: the stage's local IAM key is one.
  DUMMY_ACCOUNT.createKeyPair(o.credentials.accessKeyId, o.credentials.secretAccessKey);
  const server = new S3rver({
    address: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    silent: true,
    directory,
    vhostBuckets: false,
    // The admin app (served by the local server, another origin) uploads and downloads from the
    // browser: the same CORS rule as the deployed bucket (build/ingest-cors.ts).
    configureBuckets: [{ name: ingest, configs: [ingestCorsXml(o.corsOrigins ?? localOrigins(o.host ?? '127.0.0.1'))] }],
  });

  const deliveries: { prefix: string; suffix: string; send: (body: string) => void; queue?: LocalQueue; direct: Set<Promise<unknown>> }[] =
    [];
  for (const [name, spec] of Object.entries(w.functions)) {
    const trigger = spec.trigger;
    if (trigger.kind !== 's3Upload') continue;
    const direct = new Set<Promise<unknown>>();
    const queue = trigger.queue
      ? createLocalQueue({
          name: resourceName(o.stage, `${name}-queue`),
          region,
          accountId,
          maxReceiveCount: trigger.queue.maxReceiveCount,
          visibilityDelayMs: o.visibilityDelayMs ?? 1000,
          deliver: (event) => o.invoke(name, event),
          dlq: o.dlq,
          dlqName: dlqName(o.stage, name),
          functionName: name,
          log,
        })
      : undefined;
    const send = queue
      ? (body: string) => queue.send(body)
      : (body: string) => {
          const run = o.invoke(name, JSON.parse(body)).catch((error: unknown) => log(`[s3] ${name} failed: ${String(error)}`));
          direct.add(run);
          void run.finally(() => direct.delete(run));
        };
    deliveries.push({ prefix: trigger.prefix, suffix: trigger.suffix, send, queue, direct });
  }
  server.on('event', (event: S3rverEvent) => {
    for (const record of toAwsS3Records(event, region, 'stockroom-ingest')) {
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      if (record.s3.bucket.name !== ingest) continue;
      for (const d of deliveries) if (key.startsWith(d.prefix) && key.endsWith(d.suffix)) d.send(JSON.stringify({ Records: [record] }));
    }
  });
  const address = await server.run();
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  log(`[s3] local S3 on ${url}, bucket ${ingest}`);
  return {
    url,
    buckets: { ingest },
    async drain() {
      for (const d of deliveries) {
        await d.queue?.drain();
        await Promise.all([...d.direct]);
      }
    },
    async close() {
      for (const d of deliveries) d.queue?.close();
      await server.close();
    },
  };
}
