/**
 * Customer CSV ingest (docs/customers.md), on one DynamoDB Local and the local S3 in one run:
 * - end to end: a generated file in the ingest bucket, read by the ingest job (`ingestObject`, the
 *   handler's core: streaming GetObject → csv-parse → validation → conditional upserts →
 *   checkpoints), in rows/s, against the raw write limit: the same number of conditional writes
 *   straight to DynamoDB Local at the same concurrency (target ≥ 70 %);
 * - dry run (parse and validate, reads instead of writes) against the raw parser alone over the
 *   same bytes (target ≥ 50 %);
 * - peak RSS of this process while the job runs, for each file size (target ≤ 150 MB, flat).
 * Sizes: `BENCH_INGEST_ROWS` (comma-separated, default `100000,1000000`).
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse';
import { ingestObject } from '../functions/customer-ingest/ingest-object.js';
import { jobItem, newImportId, pendingJob } from '../functions/customer-ingest/job/claim.js';
import { customerKey, importUploadKey } from '../model/customers/keys.js';
import { createLocalDlq } from '../local/services/dlq.js';
import { createDynamoClient, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal } from '../local/services/dynamodb-local.js';
import { startLocalS3 } from '../local/services/s3/server.js';
import { ensureTables } from '../local/services/tables.js';
import type { BenchReport, Measurement } from './report.js';

const SIZES = (process.env['BENCH_INGEST_ROWS'] ?? '100000,1000000').split(',').map((n) => Number(n.trim()));
/** The job's default upsert concurrency (job/run.ts), used for the raw writes too. */
const CONCURRENCY = 32;

/** Writes `rows` customer rows (about 100 bytes each) to a file; a valid, distinct row each. */
async function writeFile(path: string, rows: number, prefix: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('customer_id,email,first_name,last_name,phone,updated_at\n');
  for (let i = 0; i < rows; i += 1) {
    const line = `${prefix}${i},person.${prefix}${i}@example.com,Given${i % 997},Family${i % 991},+44 20 7946 ${String(i % 10000).padStart(4, '0')},2024-05-01T00:00:00Z\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function measurement(name: string, rows: number, seconds: number): Measurement {
  return { name, requests: rows, seconds, throughput: rows / seconds, p50Ms: 0, p95Ms: 0 };
}

/** Samples this process's RSS every 50 ms while `work` runs; returns the peak in MB. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<BenchReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const client = createDynamoClient(dynamo.endpoint);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const names = await ensureTables(client, { stage: 'bench' });
  const tableName = names['main'] as string;
  const s3 = await startLocalS3({ stage: 'bench', credentials: LOCAL_CREDENTIALS, invoke: () => Promise.resolve(), dlq: createLocalDlq() });
  const s3Client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const dir = await mkdtemp(join(tmpdir(), 'stockroom-bench-ingest-'));
  const measurements: Measurement[] = [];
  const ratios: BenchReport['ratios'][number][] = [];
  const notes: string[] = [];
  const options = { doc, tableName, s3: s3Client, owner: 'bench', leaseMs: 15 * 60_000 };
  try {
    for (const rows of SIZES) {
      const file = join(dir, `customers-${rows}.csv`);
      // Ids of their own per size: each size writes new customers.
      const prefix = `cus_${rows}_`;
      await writeFile(file, rows, prefix);
      const bytes = statSync(file).size;
      // Streamed through a presigned PUT, as the admin app and `stockroom import` upload.
      const upload = async (key: string): Promise<void> => {
        const url = await getSignedUrl(s3Client, new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: key }), { expiresIn: 900 });
        const put = await fetch(url, {
          method: 'PUT',
          body: Readable.toWeb(createReadStream(file)) as ReadableStream,
          headers: { 'content-length': String(bytes) },
          duplex: 'half',
        } as RequestInit);
        if (!put.ok) throw new Error(`upload of ${key} answered ${put.status}`);
      };

      // End to end: a file dropped in the bucket (a job on arrival), applied row by row.
      const dropKey = `imports/customers/bench/${rows}.csv`;
      await upload(dropKey);
      const t0 = performance.now();
      const e2e = await peakRss(() => ingestObject({ bucket: s3.buckets.ingest, key: dropKey, eventName: 'ObjectCreated:Put' }, options));
      const e2eSeconds = (performance.now() - t0) / 1000;
      if (e2e.result.kind !== 'finished' || e2e.result.job.rowsApplied !== rows)
        throw new Error(
          `ingest of ${rows} rows ended ${e2e.result.kind} (${JSON.stringify('job' in e2e.result ? e2e.result.job : e2e.result)})`,
        );
      measurements.push(measurement(`ingest end to end, ${rows} rows (${(bytes / 1e6).toFixed(0)} MB)`, rows, e2eSeconds));

      // The raw write limit: the same conditional writes, straight to DynamoDB Local (a newer updatedAt).
      let next = 0;
      const t1 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < rows; i = next++) {
            await doc.send(
              new UpdateCommand({
                TableName: tableName,
                Key: customerKey(`${prefix}${i}`),
                UpdateExpression: 'SET email = :email, updatedAt = :u, importRow = :row',
                ConditionExpression: 'attribute_not_exists(pk) OR updatedAt < :u',
                ExpressionAttributeValues: { ':email': `person.${prefix}${i}@example.com`, ':u': '2025-01-01T00:00:00Z', ':row': i },
              }),
            );
          }
        }),
      );
      const rawSeconds = (performance.now() - t1) / 1000;
      measurements.push(measurement(`raw conditional UpdateItem ×${rows} (concurrency ${CONCURRENCY})`, rows, rawSeconds));
      ratios.push({ name: `ingest / raw writes, ${rows} rows`, value: rawSeconds / e2eSeconds, target: 0.7 });

      // Dry run: parse and validate (and read what exists), against the parser alone.
      const importId = newImportId(new Date());
      await doc.send(new PutCommand({ TableName: tableName, Item: jobItem(pendingJob(importId, 'dry.csv', true, new Date())) }));
      const dryKey = importUploadKey(importId, 'dry.csv');
      await upload(dryKey);
      const t2 = performance.now();
      const dry = await ingestObject({ bucket: s3.buckets.ingest, key: dryKey, eventName: 'ObjectCreated:Put' }, options);
      const drySeconds = (performance.now() - t2) / 1000;
      if (dry.kind !== 'finished' || dry.job.rowsRead !== rows) throw new Error(`dry run of ${rows} rows ended ${dry.kind}`);
      measurements.push(measurement(`dry run, ${rows} rows`, rows, drySeconds));
      const t3 = performance.now();
      let parsed = 0;
      for await (const record of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) if (record) parsed += 1;
      const parserSeconds = (performance.now() - t3) / 1000;
      measurements.push(measurement(`csv-parse alone, ${parsed - 1} rows`, parsed - 1, parserSeconds));
      ratios.push({ name: `dry run / raw parser, ${rows} rows`, value: parserSeconds / drySeconds, target: 0.5 });
      notes.push(`peak RSS during the ${rows}-row ingest: ${e2e.peakMb.toFixed(0)} MB (target ≤ 150 MB, flat across sizes)`);
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    s3Client.destroy();
    await s3.close();
    client.destroy();
    await dynamo.stop();
  }
  notes.push(
    'RSS is the whole bench process: it also runs the local S3 server (s3rver) streaming the object, so the ingest alone uses less.',
  );
  return { title: 'Customer CSV ingest', measurements, ratios, notes };
}
