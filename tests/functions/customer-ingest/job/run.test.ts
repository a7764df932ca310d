/**
 * The job's write pipeline on DynamoDB Local and the local S3: writes stay in flight across batch
 * boundaries (no per-batch barrier) up to the concurrency, never more, while rows of one customer
 * still apply in file order and every row is counted once.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestObject } from '../../../../functions/customer-ingest/ingest-object.js';
import { customerKey, importUploadKey } from '../../../../model/customers/keys.js';
import { jobItem, newImportId, pendingJob } from '../../../../functions/customer-ingest/job/claim.js';
import type { CustomerRecord } from '../../../../model/customers/records.js';
import { createLocalDlq } from '../../../../local/services/dlq.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../local/services/dynamodb-local.js';
import { startLocalS3, type LocalS3 } from '../../../../local/services/s3/server.js';
import { createTestTables, type TestTables } from '../../../setup/tables.js';
import { generateCustomerFile } from '../fixtures.js';

let tables: TestTables;
let doc: DynamoDBDocumentClient;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  tables = await createTestTables('ingest-run');
  doc = DynamoDBDocumentClient.from(tables.client, { marshallOptions: { removeUndefinedValues: true } });
  s3 = await startLocalS3({ stage: tables.stage, credentials: LOCAL_CREDENTIALS, invoke: () => Promise.resolve(), dlq: createLocalDlq() });
  client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  await s3?.close();
  client?.destroy();
  await tables?.destroy();
});

describe('runImport write pipeline', () => {
  it('keeps up to `concurrency` upserts in flight across batches, in customer order, counting each row once', async () => {
    const file = generateCustomerFile(300, { seed: 'pipe' });
    const key = 'imports/customers/drop/pipeline.csv';
    await client.send(new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: key, Body: file.text }));
    let inFlight = 0;
    let most = 0;
    const counting = {
      send: async (command: { input: { Key?: { pk?: string } } }, ...rest: unknown[]) => {
        const upsert = command.constructor.name === 'UpdateCommand' && command.input.Key?.pk?.startsWith('CUSTOMER#');
        if (upsert) most = Math.max(most, ++inFlight);
        try {
          return await (doc.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        } finally {
          if (upsert) inFlight -= 1;
        }
      },
    } as unknown as DynamoDBDocumentClient;
    const outcome = await ingestObject(
      { bucket: s3.buckets.ingest, key, eventName: 'ObjectCreated:Put' },
      { doc: counting, tableName: tables.main, s3: client, owner: 'pipeline', leaseMs: 60_000, batchRows: 7, concurrency: 24 },
    );
    expect(outcome.kind).toBe('finished');
    // A batch holds at most 7 valid rows: more in flight means the pipeline does not wait per batch.
    expect(most).toBeGreaterThan(7);
    expect(most).toBeLessThanOrEqual(24);
    const valid = file.dataRows - file.invalidRows;
    expect('job' in outcome && outcome.job).toMatchObject({
      status: 'COMPLETED',
      rowsRead: file.dataRows,
      rowsInvalid: file.invalidRows,
      rowsApplied: valid - file.olderRows,
      rowsSkippedOlder: file.olderRows,
    });
    // Duplicates of a customer straddle batch boundaries (e.g. rows 119 and 120): the newest still wins.
    const stored = await Promise.all(
      [...file.expected.keys()].map(
        async (id) =>
          ((await doc.send(new GetCommand({ TableName: tables.main, Key: customerKey(id), ConsistentRead: true }))).Item as CustomerRecord)
            .email,
      ),
    );
    expect(stored).toEqual([...file.expected.values()].map((c) => c.email));
  }, 120_000);

  it('a dry run counts repeats across batches as the import would: created once, then updated or skipped', async () => {
    const file = generateCustomerFile(300, { seed: 'dry-repeats' });
    const id = newImportId(new Date());
    await doc.send(new PutCommand({ TableName: tables.main, Item: jobItem(pendingJob(id, 'repeats.csv', true, new Date(), null)) }));
    const key = importUploadKey(id, 'repeats.csv');
    await client.send(new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: key, Body: file.text }));
    // Batches of 7 rows: some repeats of a customer land in the batch after its first row (rows 119/120, 189/190, 259/260).
    const outcome = await ingestObject(
      { bucket: s3.buckets.ingest, key, eventName: 'ObjectCreated:Put' },
      { doc, tableName: tables.main, s3: client, owner: 'dry', leaseMs: 60_000, batchRows: 7 },
    );
    const valid = file.dataRows - file.invalidRows;
    // The counts the import of the same file gives (the test above): applied = created + updated.
    expect('job' in outcome && outcome.job).toMatchObject({
      status: 'COMPLETED',
      dryRun: true,
      rowsApplied: 0,
      rowsWouldCreate: file.expected.size,
      rowsWouldUpdate: valid - file.olderRows - file.expected.size,
      rowsSkippedOlder: file.olderRows,
    });
    const first = [...file.expected.keys()][0]!;
    expect(
      (await doc.send(new GetCommand({ TableName: tables.main, Key: customerKey(first), ConsistentRead: true }))).Item,
    ).toBeUndefined();
  }, 120_000);

  it("a dry run's repeat without updated_at in a later batch takes the file's LastModified too: equal, so skipped", async () => {
    const text = [
      'customer_id,email,first_name,last_name,phone,updated_at',
      'cus_undated_1,first@example.com,,,,',
      'cus_undated_1,second@example.com,,,,',
      'cus_undated_1,third@example.com,,,,2000-01-01T00:00:00Z',
    ].join('\n');
    const id = newImportId(new Date());
    await doc.send(new PutCommand({ TableName: tables.main, Item: jobItem(pendingJob(id, 'undated.csv', true, new Date(), null)) }));
    const key = importUploadKey(id, 'undated.csv');
    await client.send(new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: key, Body: text }));
    // One row a batch: each repeat is classified in a batch of its own.
    const outcome = await ingestObject(
      { bucket: s3.buckets.ingest, key, eventName: 'ObjectCreated:Put' },
      { doc, tableName: tables.main, s3: client, owner: 'dry-undated', leaseMs: 60_000, batchRows: 1 },
    );
    expect('job' in outcome && outcome.job).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 3,
      rowsWouldCreate: 1,
      rowsWouldUpdate: 0,
      rowsSkippedOlder: 2,
    });
  }, 120_000);
});
