/**
 * `.stockroom/local.json`: the connection facts of a running local Stockroom, so scripts and
 * tests connect without scraping the console. Git-ignored; holds local-only credentials.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ConnectionFacts {
  graphqlUrl: string;
  realtimeUrl: string;
  apiKey: string;
  adminToken: string;
  partnerKeys: Record<string, string>;
  iamCredentials: { accessKeyId: string; secretAccessKey: string; region: string };
  /** Local EventBridge, SNS and S3 endpoints (the SDK clients' `endpoint`, with `iamCredentials`). */
  endpoints: { events: string; sns: string; s3: string };
  /** Physical bucket names (the local S3 at `endpoints.s3`, path-style). */
  buckets: { ingest: string };
  /** With `--tls`: the self-signed certificate (trust it as a CA) and its key, PEM files in the state folder. */
  tls?: { certificate: string; key: string };
}

export function writeConnectionFile(path: string, facts: ConnectionFacts): void {
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename: a reader never sees half a file.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(facts, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function readConnectionFile(path: string): ConnectionFacts {
  return JSON.parse(readFileSync(path, 'utf8')) as ConnectionFacts;
}
