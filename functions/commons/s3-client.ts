/**
 * The S3 client and ingest bucket of a handler, read from the environment at invocation time.
 * Locally `AWS_ENDPOINT_URL_S3` points at the local S3 server (path-style addressing: it serves
 * every bucket on one host); on AWS it is unset.
 */
import { S3Client } from '@aws-sdk/client-s3';

const clients = new Map<string, S3Client>();

export function s3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const endpoint = env['AWS_ENDPOINT_URL_S3'] || undefined;
  const cacheKey = `${region}|${endpoint ?? ''}|${env['AWS_ACCESS_KEY_ID'] ?? ''}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new S3Client({ region, endpoint, forcePathStyle: endpoint !== undefined });
    clients.set(cacheKey, client);
  }
  return client;
}

export function ingestBucketFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const bucket = env['INGEST_BUCKET_NAME'];
  if (!bucket) throw new Error('INGEST_BUCKET_NAME is not set: the function needs an ingestBucketReadWrite grant in build/wiring.ts');
  return bucket;
}
