/**
 * One created object, end to end: which version it is, which job it runs as (or none: a
 * duplicate delivery), and the run. Shared by the handler and the tests.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CUSTOMER_IMPORT_PREFIX } from '../../model/customers/keys.js';
import { claimJob, type ObjectVersion } from './job/claim.js';
import { runImport, type RunOptions, type RunResult } from './job/run.js';
import type { CreatedObject } from './s3-events.js';

export type IngestOutcome =
  | RunResult
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly importId: string }
  | { readonly kind: 'busy'; readonly importId: string };

export interface IngestOptions extends Omit<RunOptions, 'lastModified'> {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
}

/** A versioned bucket names the version; without versions (the local S3) ETag + LastModified stand in. */
export function objectVersionOf(
  object: { bucket: string; key: string },
  head: { VersionId?: string; ETag?: string; LastModified?: Date },
): ObjectVersion {
  const versionId = head.VersionId && head.VersionId !== 'null' ? head.VersionId : undefined;
  const version = versionId ?? `${(head.ETag ?? '').replace(/"/g, '')}@${(head.LastModified ?? new Date(0)).toISOString()}`;
  return { bucket: object.bucket, key: object.key, version };
}

export async function ingestObject(object: CreatedObject, o: IngestOptions): Promise<IngestOutcome> {
  if (!object.key.startsWith(CUSTOMER_IMPORT_PREFIX))
    return { kind: 'ignored', reason: `${object.key} is not under ${CUSTOMER_IMPORT_PREFIX}` };
  const head = await o.s3.send(
    new HeadObjectCommand({ Bucket: object.bucket, Key: object.key, ...(object.versionId ? { VersionId: object.versionId } : {}) }),
  );
  const version = objectVersionOf(object, head);
  const now = (o.now ?? (() => new Date()))();
  const claim = await claimJob({ doc: o.doc, tableName: o.tableName, owner: o.owner, leaseMs: o.leaseMs, now }, version);
  if (claim.kind !== 'run') return claim;
  return runImport(claim.job, { ...o, lastModified: head.LastModified ?? now });
}
