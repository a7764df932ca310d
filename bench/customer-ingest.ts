/**
 * Customer CSV ingest (docs/customers.md, issue 14), on one DynamoDB Local and the local S3, all
 * in one run, per file size (`BENCH_INGEST_ROWS`, comma-separated, default `100000,1000000`):
 * - end to end: a generated file in the ingest bucket, run by `ingestObject` (the handler's core:
 *   streaming GetObject → record splitter → validation → pipelined conditional upserts → checkpoints)
 *   in a child process of its own, as the Lambda runs it; rows/s against the raw write limit: the
 *   same number of conditional writes, built by the same `customerUpsertCommand` (same item shape,
 *   expression and return options, fresh items as the ingest creates), straight to DynamoDB Local
 *   at the same concurrency, half just before and half just after the ingest (target ≥ 70 %);
 * - dry run end to end (parse, validate, BatchGetItem to classify; also in a child) and the
 *   parse-and-validate stage alone on the same code path, against the raw parser alone over the
 *   same bytes (target ≥ 50 %); the dry run also against its reads alone (the same BatchGets
 *   straight to DynamoDB Local, which bound it); papaparse and csv-parser for the parser choice;
 * - peak RSS (VmHWM) of the ingest's own process, per size (target ≤ 150 MB, flat).
 * `BENCH_INGEST_CHILD_NODE_OPTIONS` passes node flags to the child (e.g. a heap limit) on top of
 * the function's own `NODE_OPTIONS` (build/wiring.ts). `BENCH_INGEST_PARTS` (comma-separated, default
 * `ingest,dry,parse`) picks parts: `dry` alone checks the reading path's memory at 1 M rows in minutes.
 * First, unless `BENCH_INGEST_PROBE=` is empty, a short probe of the raw write rate at
 * concurrencies 8/16/32/64 (the job's default concurrency is the best of them on this machine).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { wiring } from '../build/wiring.js';
import { jobItem, newImportId, pendingJob } from '../functions/customer-ingest/job/claim.js';
import { DEFAULT_CONCURRENCY, DRY_RUN_READS } from '../functions/customer-ingest/job/run.js';
import { customerUpsertCommand, storedUpdatedAt } from '../functions/customer-ingest/job/upsert.js';
import { importUploadKey } from '../model/customers/keys.js';
import { createLocalDlq } from '../local/services/dlq.js';
import { createDynamoClient, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal } from '../local/services/dynamodb-local.js';
import { startLocalS3 } from '../local/services/s3/server.js';
import { ensureTables } from '../local/services/tables.js';
import type { ChildInput, ChildResult } from './customer-ingest/ingest-child.js';
import { measureParsing, measurement, timed } from './customer-ingest/parsers.js';
import type { BenchReport, Measurement } from './report.js';

const SIZES = (process.env['BENCH_INGEST_ROWS'] ?? '100000,1000000').split(',').map((n) => Number(n.trim()));
const PARTS = new Set((process.env['BENCH_INGEST_PARTS'] ?? 'ingest,dry,parse').split(',').map((p) => p.trim()));
const PROBE = (process.env['BENCH_INGEST_PROBE'] ?? '8,16,32,64').split(',').filter(Boolean).map(Number);
const PROBE_WRITES = 2000;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'customer-ingest', 'ingest-child.ts');

/** Row `i` of a generated file (about 100 bytes a line): a valid, distinct customer each. */
function customerOf(prefix: string, i: number) {
  const digits = String(i % 10000).padStart(4, '0');
  return {
    id: `${prefix}${i}`,
    email: `person.${prefix}${i}@example.com`,
    firstName: `Given${i % 997}`,
    lastName: `Family${i % 991}`,
    phone: { written: `+44 20 7946 ${digits}`, e164: `+44207946${digits}` },
    updatedAt: '2024-05-01T00:00:00.000Z',
  };
}

/** A generated customer file: a header and `rows` valid, distinct customers. */
export async function writeCustomerFile(path: string, rows: number, prefix: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('customer_id,email,first_name,last_name,phone,updated_at\n');
  for (let i = 0; i < rows; i += 1) {
    const c = customerOf(prefix, i);
    if (!out.write(`${c.id},${c.email},${c.firstName},${c.lastName},${c.phone.written},2024-05-01T00:00:00Z\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The child bundled as the function is deployed (esbuild, ESM, minified: infra/constructs/wired-function.ts),
 * so it runs on plain node: no TypeScript loader thread in the measured process.
 */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'ingest-child.mjs');
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}

/** Peak RSS of each child that ran, and the ingest's (or else the dry run's) RSS along the file. */
function rssNote(rows: number, e2e: ChildResult | undefined, dry: ChildResult | undefined): string {
  const along = (r: ChildResult): string =>
    r.rssAlong
      .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 6)) === 0)
      .map(([n, mb]) => `${n}:${mb}`)
      .join(' ');
  const peaks = [e2e && `the ingest process ${e2e.peakRssMb.toFixed(0)} MB`, dry && `the dry-run process ${dry.peakRssMb.toFixed(0)} MB`];
  const followed = e2e ?? dry;
  return (
    `${rows} rows: peak RSS (VmHWM) of ${peaks.filter(Boolean).join(', of ')} (target ≤ 150 MB, flat)` +
    (followed ? `; RSS along the ${e2e ? 'ingest' : 'dry run'} (rows read: MB) ${along(followed)}` : '')
  );
}

/** Runs the ingest of one object in its own process (ingest-child.ts, bundled). */
async function ingestInChild(bundle: string, input: ChildInput): Promise<ChildResult> {
  // e.g. `--max-old-space-size=64`: a run that still finishes shows the job needs no more heap than that.
  const nodeOptions = (process.env['BENCH_INGEST_CHILD_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
  // The deployed function's flags, through NODE_OPTIONS as Lambda passes them (a flag Node refuses there fails here too).
  const deployed = wiring.functions['customer-ingest']?.nodeOptions;
  const child = spawn(process.execPath, [...nodeOptions, bundle], {
    env: { ...process.env, BENCH_INGEST_CHILD: JSON.stringify(input), ...(deployed ? { NODE_OPTIONS: deployed } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ingest child exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '') as ChildResult;
}

/** Seconds for `work(0)` … `work(tasks - 1)` with `concurrency` of them in flight. */
async function timedPool(tasks: number, concurrency: number, work: (task: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const { seconds } = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let task = next++; task < tasks; task = next++) await work(task);
      }),
    ),
  );
  return seconds;
}

/** `count` conditional upserts of fresh customers, `concurrency` in flight: the job's write, without the job. */
function rawWrites(doc: DynamoDBDocumentClient, tableName: string, prefix: string, count: number, concurrency: number): Promise<number> {
  const now = new Date().toISOString();
  return timedPool(count, concurrency, (i) => {
    const c = customerOf(prefix, i);
    return doc.send(customerUpsertCommand(tableName, { ...c, phone: c.phone.e164, importId: 'raw', importRow: i + 2 }, now));
  });
}

/**
 * The dry run's reads without the dry run: `count` customers' `updatedAt` through the same
 * `storedUpdatedAt`, a job batch (100 rows) a call, `concurrency` calls in flight.
 */
function rawReads(doc: DynamoDBDocumentClient, tableName: string, prefix: string, count: number, concurrency: number): Promise<number> {
  return timedPool(Math.ceil(count / 100), concurrency, (batch) => {
    const ids = Array.from({ length: Math.min(100, count - batch * 100) }, (_, k) => customerOf(prefix, batch * 100 + k).id);
    return storedUpdatedAt(doc, tableName, ids);
  });
}

export async function run(): Promise<BenchReport> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  const client = createDynamoClient(dynamo.endpoint);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = (await ensureTables(client, { stage: 'bench' }))['main'] as string;
  const s3 = await startLocalS3({ stage: 'bench', credentials: LOCAL_CREDENTIALS, invoke: () => Promise.resolve(), dlq: createLocalDlq() });
  const s3Client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const dir = await mkdtemp(join(tmpdir(), 'stockroom-bench-ingest-'));
  const measurements: Measurement[] = [];
  const ratios: BenchReport['ratios'][number][] = [];
  const notes: string[] = [];
  const log = (line: string): void => void process.stderr.write(`[customer-ingest ${new Date().toISOString()}] ${line}\n`);
  const bundle = await bundleChild(dir);
  const child = (key: string): ChildInput => ({
    dynamoEndpoint: dynamo.endpoint,
    s3Url: s3.url,
    tableName,
    bucket: s3.buckets.ingest,
    key,
  });
  try {
    if (PROBE.length > 0 && PARTS.has('ingest')) {
      await rawWrites(doc, tableName, 'warm_', 1000, DEFAULT_CONCURRENCY);
      for (const concurrency of PROBE) {
        const seconds = await rawWrites(doc, tableName, `probe${concurrency}_`, PROBE_WRITES, concurrency);
        measurements.push(measurement(`probe: raw conditional upserts, concurrency ${concurrency}`, PROBE_WRITES, seconds));
        log(`probe concurrency ${concurrency}: ${(PROBE_WRITES / seconds).toFixed(0)} writes/s`);
      }
    }
    for (const rows of SIZES) {
      const file = join(dir, `customers-${rows}.csv`);
      // Ids of their own per size: each size writes new customers.
      const prefix = `cus_${rows}_`;
      await writeCustomerFile(file, rows, prefix);
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

      let e2e: ChildResult | undefined;
      if (PARTS.has('ingest')) {
        // End to end: a file dropped in the bucket (a job on arrival), every row a new customer.
        const dropKey = `imports/customers/bench/${rows}.csv`;
        await upload(dropKey);
        // The raw writes bracket the ingest, half before and half after, so a change in the machine's
        // load during the run (other processes share its 2 cores) weighs on both sides alike.
        const half = Math.floor(rows / 2);
        log(`${rows} rows (${(bytes / 1e6).toFixed(0)} MB): first ${half} raw writes`);
        const rawBefore = await rawWrites(doc, tableName, `raw_${rows}_a_`, half, DEFAULT_CONCURRENCY);
        log(`raw (first half): ${(half / rawBefore).toFixed(0)} rows/s; ingest starts`);
        e2e = await ingestInChild(bundle, child(dropKey));
        if (e2e.kind !== 'finished' || e2e.rowsApplied !== rows) throw new Error(`ingest of ${rows} rows ended ${JSON.stringify(e2e)}`);
        measurements.push(measurement(`ingest end to end, ${rows} rows (${(bytes / 1e6).toFixed(0)} MB), own process`, rows, e2e.seconds));
        log(`ingest: ${(rows / e2e.seconds).toFixed(0)} rows/s, peak RSS ${e2e.peakRssMb.toFixed(0)} MB; second half of the raw writes`);

        const rawAfter = await rawWrites(doc, tableName, `raw_${rows}_b_`, rows - half, DEFAULT_CONCURRENCY);
        log(`raw (second half): ${((rows - half) / rawAfter).toFixed(0)} rows/s`);
        const rawSeconds = rawBefore + rawAfter;
        measurements.push(
          measurement(
            `raw conditional upserts ×${rows}, half before and half after the ingest (same command, concurrency ${DEFAULT_CONCURRENCY})`,
            rows,
            rawSeconds,
          ),
        );
        ratios.push({ name: `ingest / raw writes, ${rows} rows`, value: rawSeconds / e2e.seconds, target: 0.7 });
        log(`raw: ${(rows / rawSeconds).toFixed(0)} rows/s; dry run starts`);
      }

      let dry: ChildResult | undefined;
      if (PARTS.has('dry')) {
        // Dry run: parse and validate, and read what exists, in its own process.
        const importId = newImportId(new Date());
        await doc.send(new PutCommand({ TableName: tableName, Item: jobItem(pendingJob(importId, 'dry.csv', true, new Date(), null)) }));
        const dryKey = importUploadKey(importId, 'dry.csv');
        await upload(dryKey);
        dry = await ingestInChild(bundle, child(dryKey));
        if (dry.kind !== 'finished' || dry.rowsRead !== rows) throw new Error(`dry run of ${rows} rows ended ${JSON.stringify(dry)}`);
        measurements.push(measurement(`dry run end to end (parse, validate, BatchGetItem), ${rows} rows`, rows, dry.seconds));
        // Its reads alone, straight to DynamoDB Local: the limit a dry run can reach here.
        const readSeconds = await rawReads(doc, tableName, prefix, rows, DRY_RUN_READS);
        measurements.push(
          measurement(`raw reads: BatchGetItem of the same ${rows} ids, 100 a request, ${DRY_RUN_READS} in flight`, rows, readSeconds),
        );
        ratios.push({ name: `dry run end to end / raw reads (the local read limit), ${rows} rows`, value: readSeconds / dry.seconds });
        log(`dry run: ${(rows / dry.seconds).toFixed(0)} rows/s, peak RSS ${dry.peakRssMb.toFixed(0)} MB`);
      }
      notes.push(rssNote(rows, e2e, dry));

      if (PARTS.has('parse')) {
        log('parsers start');
        const parsing = await measureParsing(file, rows);
        measurements.push(...parsing.measurements);
        if (dry)
          ratios.push({
            name: `dry run end to end / raw parser (csv-parse bare), ${rows} rows`,
            value: parsing.rawParserSeconds / dry.seconds,
            target: 0.5,
          });
        ratios.push({
          name: `parse-and-validate stage alone / raw parser, ${rows} rows`,
          value: parsing.rawParserSeconds / parsing.stageSeconds,
          target: 0.5,
        });
      }
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    s3Client.destroy();
    await s3.close();
    client.destroy();
    await dynamo.stop();
  }
  notes.push('Ingest and dry run each run in a child process (ingest-child.ts); the parent hosts the local S3 server and the raw writes.');
  return { title: 'Customer CSV ingest', measurements, ratios, notes };
}
