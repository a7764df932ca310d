/**
 * The import signer's error-report link, against the local S3: a presigned GET that serves the
 * report as a CSV download named after the job (the admin app follows it from another origin,
 * where the `download` attribute does not apply), and nothing signed outside the report prefix.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorReportUrl } from '../../functions/import-signer/index.js';
import { createLocalDlq } from '../../local/services/dlq.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/services/dynamodb-local.js';
import { startLocalS3, type LocalS3 } from '../../local/services/s3/server.js';

let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3({
    stage: `r${randomBytes(4).toString('hex')}`,
    credentials: LOCAL_CREDENTIALS,
    invoke: () => Promise.resolve(),
    dlq: createLocalDlq(),
  });
  client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.url);
  vi.stubEnv('AWS_REGION', LOCAL_REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_CREDENTIALS.secretAccessKey);
  vi.stubEnv('INGEST_BUCKET_NAME', s3.buckets.ingest);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await s3?.close();
});

describe('import signer: error report links', () => {
  it('signs a GET that downloads the report as <importId>-errors.csv', async () => {
    const report = 'row,column,reason,line\n4,email,email is not a valid address,"c4,nope"\n';
    await client.send(new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: 'imports/errors/imp_signer1.csv', Body: report }));
    const { url } = await errorReportUrl('imports/errors/imp_signer1.csv');
    const got = await fetch(url!, { headers: { origin: 'http://127.0.0.1:4000' } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="imp_signer1-errors.csv"');
    expect(got.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(got.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4000');
    expect(await got.text()).toBe(report);
  });

  it('signs nothing outside imports/errors/', async () => {
    expect(await errorReportUrl('imports/customers/x/people.csv')).toEqual({ url: null });
    expect(await errorReportUrl(null)).toEqual({ url: null });
  });
});
