/**
 * How `stockroom start` runs the local S3: one call that starts it with the stage's IAM key,
 * passes the functions its endpoint (`AWS_ENDPOINT_URL_S3`) and registers its stop.
 */
import { join } from 'node:path';
import type { LocalDlq } from '../dlq.js';
import { startLocalS3, type LocalS3 } from './server.js';

export interface S3HookOptions {
  readonly stage: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  /** Persisted runs keep objects under `<stateDir>/s3`. */
  readonly stateDir: string | undefined;
  readonly host: string;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly dlq: LocalDlq;
  readonly environment: Record<string, string>;
  readonly onStop: (run: () => Promise<void>) => void;
  readonly log: (message: string) => void;
}

export async function startS3Service(o: S3HookOptions): Promise<LocalS3> {
  const s3 = await startLocalS3({
    stage: o.stage,
    credentials: o.credentials,
    region: o.region,
    directory: o.stateDir ? join(o.stateDir, 's3') : undefined,
    host: o.host,
    invoke: o.invoke,
    dlq: o.dlq,
    log: o.log,
  });
  o.environment['AWS_ENDPOINT_URL_S3'] = s3.url;
  o.onStop(async () => {
    await s3.drain();
    await s3.close();
  });
  return s3;
}
