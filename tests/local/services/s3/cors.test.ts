/**
 * The local S3 answers the admin app's browser like the deployed ingest bucket does
 * (build/ingest-cors.ts): a preflight from the local server's origin (any port) is allowed for
 * PUT with Content-Type, one from another site is refused, and the upload's answer carries the
 * CORS headers the browser needs to read it.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDlq } from '../../../../local/services/dlq.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../local/services/dynamodb-local.js';
import { localOrigins, startLocalS3, type LocalS3 } from '../../../../local/services/s3/server.js';

let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3({
    stage: `c${randomBytes(4).toString('hex')}`,
    credentials: LOCAL_CREDENTIALS,
    invoke: () => Promise.resolve(),
    dlq: createLocalDlq(),
  });
  client = new S3Client({ region: LOCAL_REGION, endpoint: s3.url, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });

describe('local S3: CORS for the admin app', () => {
  it('allows the local server origins on any port, over http and https', () => {
    expect(localOrigins('127.0.0.1')).toEqual(
      expect.arrayContaining(['http://127.0.0.1:*', 'https://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*']),
    );
    expect(localOrigins('192.168.1.20')).toContain('http://192.168.1.20:*');
    // Listening on every interface, the app may be reached by any name.
    expect(localOrigins('0.0.0.0')).toEqual(['*']);
  });

  it('answers a preflight from the admin app origin and refuses another site', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: 'imports/customers/cors/a.csv' }));
    const allowed = await preflight(url, 'http://127.0.0.1:4000');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('PUT, GET, HEAD');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');
    const refused = await preflight(url, 'https://elsewhere.example');
    expect(refused.status).toBe(403);
  });

  it('a presigned PUT with the origin gets the headers a browser needs to read its answer', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: s3.buckets.ingest, Key: 'imports/customers/cors/b.csv' }));
    const put = await fetch(url, {
      method: 'PUT',
      headers: { origin: 'http://localhost:5173', 'content-type': 'text/csv' },
      body: 'customer_id,email\n',
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(put.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});
