/**
 * One `ingestObject` in a process of its own, the way the Lambda runs it (its own SDK clients,
 * nothing else in the process), so its peak RSS is the ingest's alone: the parent hosts DynamoDB
 * Local's client for the raw writes and the local S3 server. Started by bench/customer-ingest.ts
 * with `BENCH_INGEST_CHILD` (JSON `ChildInput`); prints one JSON `ChildResult` line on stdout.
 */
import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ingestObject } from '../../functions/customer-ingest/ingest-object.js';
import { createDynamoClient, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/services/dynamodb-local.js';

export interface ChildInput {
  readonly dynamoEndpoint: string;
  readonly s3Url: string;
  readonly tableName: string;
  readonly bucket: string;
  readonly key: string;
}

export interface ChildResult {
  readonly seconds: number;
  readonly kind: string;
  readonly rowsRead: number;
  readonly rowsApplied: number;
  readonly rowsWouldCreate: number;
  /** VmHWM of this process (the kernel's peak resident set), MB. */
  readonly peakRssMb: number;
  /** RSS sampled every second: [rows read so far, MB], to show it stays flat along the file. */
  readonly rssAlong: readonly (readonly [number, number])[];
}

function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

const input = JSON.parse(process.env['BENCH_INGEST_CHILD'] ?? '') as ChildInput;
const client = createDynamoClient(input.dynamoEndpoint);
const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ region: LOCAL_REGION, endpoint: input.s3Url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
const rssAlong: [number, number][] = [];
let rowsSoFar = 0;
const sampler = setInterval(() => rssAlong.push([rowsSoFar, Math.round(process.memoryUsage().rss / 1024 / 1024)]), 1000);
const started = performance.now();
const outcome = await ingestObject(
  { bucket: input.bucket, key: input.key, eventName: 'ObjectCreated:Put' },
  {
    doc,
    tableName: input.tableName,
    s3,
    owner: 'bench',
    leaseMs: 15 * 60_000,
    onProgress: (job) => {
      rowsSoFar = job.rowsRead;
      return Promise.resolve();
    },
  },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const job = 'job' in outcome ? outcome.job : undefined;
const result: ChildResult = {
  seconds,
  kind: outcome.kind,
  rowsRead: job?.rowsRead ?? 0,
  rowsApplied: job?.rowsApplied ?? 0,
  rowsWouldCreate: job?.rowsWouldCreate ?? 0,
  peakRssMb: peakRssMb(),
  rssAlong,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
s3.destroy();
client.destroy();
