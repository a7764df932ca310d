/**
 * The customer ingest end to end on DynamoDB Local and the local S3: files put into the bucket
 * reach the real handler through the local queue, as the wiring declares.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKey, importKey, IMPORTS_INDEX, IMPORTS_PARTITION, importUploadKey } from '../../../model/customers/keys.js';
import type { CustomerImportRecord, CustomerRecord } from '../../../model/customers/records.js';
import { jobItem, newImportId, pendingJob } from '../../../functions/customer-ingest/job/claim.js';
import { ingestObject } from '../../../functions/customer-ingest/ingest-object.js';
import { createIngestHandler } from '../../../functions/customer-ingest/index.js';
import { createLocalDlq } from '../../../local/services/dlq.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/services/dynamodb-local.js';
import { createLocalFunctions } from '../../../local/services/function-runner.js';
import { startLocalS3, type LocalS3 } from '../../../local/services/s3/server.js';
import { sqsRecord } from '../../../local/services/s3/queue.js';
import { createTestTables, type TestTables } from '../../setup/tables.js';
import { generateCustomerFile } from './fixtures.js';

let tables: TestTables;
let doc: DynamoDBDocumentClient;
let s3: LocalS3;
let client: S3Client;
let bucket: string;

beforeAll(async () => {
  tables = await createTestTables('ingest');
  doc = DynamoDBDocumentClient.from(tables.client, { marshallOptions: { removeUndefinedValues: true } });
  let s3Url = '';
  const functions = createLocalFunctions({
    stage: tables.stage,
    dynamoEndpoint: tables.endpoint,
    tableName: (logical) => tables.names[logical] as string,
    environment: () => ({ AWS_ENDPOINT_URL_S3: s3Url, CUSTOMER_IMPORT_LEASE_SECONDS: '1' }),
  });
  s3 = await startLocalS3({
    stage: tables.stage,
    credentials: LOCAL_CREDENTIALS,
    invoke: (name, event) => functions.invoke(name, event),
    dlq: createLocalDlq(),
    visibilityDelayMs: 100,
  });
  s3Url = s3.url;
  bucket = s3.buckets.ingest;
  client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  await s3?.close();
  client?.destroy();
  await tables?.destroy();
});

async function put(key: string, body: string | Buffer): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  await s3.drain();
}

async function imports(): Promise<CustomerImportRecord[]> {
  const out = await doc.send(
    new QueryCommand({
      TableName: tables.main,
      IndexName: IMPORTS_INDEX,
      KeyConditionExpression: 'gsi13pk = :p',
      ExpressionAttributeValues: { ':p': IMPORTS_PARTITION },
      ScanIndexForward: false,
    }),
  );
  return (out.Items ?? []) as CustomerImportRecord[];
}

async function importOf(key: string): Promise<CustomerImportRecord> {
  const job = (await imports()).find((j) => j.objectKey === key);
  if (!job) throw new Error(`no job for ${key}`);
  return job;
}

async function customer(id: string): Promise<CustomerRecord | undefined> {
  return (await doc.send(new GetCommand({ TableName: tables.main, Key: customerKey(id), ConsistentRead: true }))).Item as
    CustomerRecord | undefined;
}

async function text(key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

const file = generateCustomerFile(1000, { seed: 'g' });
const validRows = file.dataRows - file.invalidRows;

describe('customer ingest (DynamoDB Local + local S3)', () => {
  it('imports a generated file: newest row wins, every bad row reported, counts exact', async () => {
    const key = 'imports/customers/drop/customers.csv';
    await put(key, file.text);
    const job = await importOf(key);
    expect(job).toMatchObject({
      status: 'COMPLETED',
      dryRun: false,
      rowsTotal: file.dataRows,
      rowsRead: file.dataRows,
      rowsInvalid: file.invalidRows,
      rowsSkippedOlder: file.olderRows,
      rowsApplied: validRows - file.olderRows,
      failureReason: null,
      errorReportKey: `imports/errors/${job.id}.csv`,
    });
    const stored = await Promise.all([...file.expected.keys()].map(customer));
    for (const [i, [id, want]] of [...file.expected].entries()) {
      const got = stored[i];
      expect({ id, email: got?.email, firstName: got?.firstName }).toEqual({ id, email: want.email, firstName: want.firstName });
      if (want.updatedAt) expect(got?.updatedAt).toBe(want.updatedAt);
      else expect(got!.updatedAt > '2025').toBe(true);
    }
    const report = (await text(job.errorReportKey!)).trim().split('\n');
    expect(report[0]).toBe('row,column,reason,line');
    // One line per problem; the bad-id, bad-email, bad-phone, bad-timestamp and short rows have one each.
    expect(report).toHaveLength(file.invalidRows + 1);
    expect(report[1]).toMatch(/^\d+,\w*,/);
    expect(new Set(report.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['customer_id', 'email', 'phone', 'updated_at', '']));
  }, 120_000);

  it('ignores a second delivery of the same object version: no second job', async () => {
    const before = await imports();
    const key = 'imports/customers/drop/customers.csv';
    const handler = createIngestHandler({ doc, tableName: tables.main, s3: client, owner: 'redelivery', leaseMs: 1000 });
    const body = JSON.stringify({
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } } },
      ],
    });
    const event: SQSEvent = {
      Records: [
        sqsRecord(body, { queueName: 'q', region: LOCAL_REGION, accountId: '0', messageId: 'm1', receiveCount: 1, sentAt: Date.now() }),
      ],
    };
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(await imports()).toHaveLength(before.length);
  });

  it('acknowledges and ignores s3:TestEvent', async () => {
    const handler = createIngestHandler({ doc, tableName: tables.main, s3: client, owner: 'test', leaseMs: 1000 });
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: bucket });
    const event: SQSEvent = {
      Records: [sqsRecord(body, { queueName: 'q', region: LOCAL_REGION, accountId: '0', messageId: 't', receiveCount: 1, sentAt: 0 })],
    };
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
  });

  it('replays an old file without overwriting newer data', async () => {
    const old = file.text.replace(/2024-01-0[123]T/g, '2023-06-01T').replace(/@Example\.com/g, '@old.example');
    const key = 'imports/customers/drop/old-export.csv';
    await put(key, old);
    const job = await importOf(key);
    // Rows without updated_at take this file's LastModified: newer, so they apply (documented).
    const undated = [...file.expected.values()].filter((c) => c.updatedAt === null).length;
    expect(job).toMatchObject({ status: 'COMPLETED', rowsApplied: undated, rowsInvalid: file.invalidRows });
    expect(job.rowsSkippedOlder).toBe(validRows - undated);
    const [id, want] = [...file.expected].find(([, c]) => c.updatedAt !== null)!;
    expect((await customer(id))?.email).toBe(want.email);
  }, 120_000);

  it('a dry run counts what would change and writes no customer', async () => {
    const id = newImportId(new Date());
    await doc.send(new PutCommand({ TableName: tables.main, Item: jobItem(pendingJob(id, 'dry.csv', true, new Date(), null)) }));
    const dry = generateCustomerFile(200, { seed: 'dry' });
    const key = importUploadKey(id, 'dry.csv');
    await put(key, dry.text);
    const job = (await doc.send(new GetCommand({ TableName: tables.main, Key: importKey(id) }))).Item as CustomerImportRecord;
    expect(job).toMatchObject({
      status: 'COMPLETED',
      dryRun: true,
      rowsApplied: 0,
      rowsInvalid: dry.invalidRows,
      rowsWouldCreate: dry.expected.size,
    });
    expect(job.rowsWouldUpdate + job.rowsSkippedOlder).toBe(dry.dataRows - dry.invalidRows - dry.expected.size);
    expect(await customer([...dry.expected.keys()][0]!)).toBeUndefined();
  });

  it.each([
    [
      'not CSV at all',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000)]),
      'the file is not a CSV text file (it holds binary data)',
    ],
    ['without a customer_id column', 'email,name\nnobody@example.com,N\n', 'the header has no customer_id column (found "email", "name")'],
  ])('fails a file %s with a clear reason and writes nothing', async (name, body, reason) => {
    const key = `imports/customers/drop/${name.replace(/\W+/g, '-')}.csv`;
    await put(key, body);
    const job = await importOf(key);
    expect(job).toMatchObject({ status: 'FAILED', failureReason: reason, rowsApplied: 0, rowsRead: 0, errorReportKey: null });
  });

  it('resumes a job that crashed mid-file: no row lost or applied twice', async () => {
    const crashKey = 'imports/customers/drop/crash.csv';
    const seeded = generateCustomerFile(300, { seed: 'crash' });
    let writes = 0;
    const crashing = {
      send: (command: { input: { Key?: { pk?: string } } }, ...rest: unknown[]) => {
        if (command.constructor.name === 'UpdateCommand' && command.input.Key?.pk?.startsWith('CUSTOMER#') && ++writes > 150)
          return Promise.reject(new Error('simulated crash'));
        return (doc.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      },
    } as unknown as DynamoDBDocumentClient;
    // Uploaded while no notification can run it: the test drives both runs.
    await s3.close();
    s3 = await startLocalS3({
      stage: `${tables.stage}x`,
      credentials: LOCAL_CREDENTIALS,
      invoke: () => Promise.resolve(),
      dlq: createLocalDlq(),
    });
    const direct = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
    const crashBucket = s3.buckets.ingest;
    await direct.send(new PutObjectCommand({ Bucket: crashBucket, Key: crashKey, Body: seeded.text }));
    const object = { bucket: crashBucket, key: crashKey, eventName: 'ObjectCreated:Put' };
    await expect(
      ingestObject(object, { doc: crashing, tableName: tables.main, s3: direct, owner: 'first', leaseMs: 50, batchRows: 100 }),
    ).rejects.toThrow('simulated crash');
    const mid = (await imports()).find((j) => j.objectKey === crashKey)!;
    expect(mid.status).toBe('RUNNING');
    expect(mid.checkpoint?.byteOffset).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    const outcome = await ingestObject(object, { doc, tableName: tables.main, s3: direct, owner: 'second', leaseMs: 1000, batchRows: 100 });
    expect(outcome.kind).toBe('finished');
    const job = (await imports()).find((j) => j.objectKey === crashKey)!;
    const valid = seeded.dataRows - seeded.invalidRows;
    expect(job).toMatchObject({ status: 'COMPLETED', invocations: 2, rowsRead: seeded.dataRows, rowsInvalid: seeded.invalidRows });
    // Every valid row is counted once, applied or skipped. Writes still in flight when the first run
    // crashed may land after it: a customer with several rows in that batch can then count one row
    // as skipped that an uninterrupted run counts as applied (docs/customers.md); never the reverse.
    expect(job.rowsApplied + job.rowsSkippedOlder).toBe(valid);
    expect(job.rowsApplied).toBeLessThanOrEqual(valid - seeded.olderRows);
    const emails = await Promise.all([...seeded.expected.keys()].map(async (id) => (await customer(id))?.email));
    expect(emails).toEqual([...seeded.expected.values()].map((c) => c.email));
    direct.destroy();
  }, 120_000);
});
