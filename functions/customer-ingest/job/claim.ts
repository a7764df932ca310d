/**
 * Which job an arriving object version runs as, exactly once (S3 notifies at least once):
 * a marker item per bucket/key/version points to the job; the job is then leased to one runner.
 * - An upload to `imports/customers/<importId>/…` runs the PENDING job `startCustomerImport`
 *   created; any other file under the prefix gets a new job on arrival.
 * - The same version again: a finished job is a duplicate (nothing happens); a RUNNING one with an
 *   expired lease is resumed from its checkpoint (a crash, or a continuation).
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importIdOfUploadKey, importIndexKeys, importKey, importObjectKey } from '../../../model/customers/keys.js';
import { EMPTY_COUNTERS, type CustomerImportRecord } from '../../../model/customers/records.js';
import { isFinished } from '../../../model/customers/status.js';
import { isAwsError } from '../../commons/table-client.js';

export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  /** S3 version id, or `<ETag>@<LastModified>` where the store keeps no versions. */
  readonly version: string;
}

export interface ClaimOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly owner: string;
  readonly leaseMs: number;
  readonly now: Date;
}

export type Claim =
  | { readonly kind: 'run'; readonly job: CustomerImportRecord }
  | { readonly kind: 'duplicate'; readonly importId: string }
  /** Another runner holds the lease: try again later. */
  | { readonly kind: 'busy'; readonly importId: string };

export function newImportId(now: Date): string {
  // Time first, so ids sort roughly by creation; random tail against collisions.
  return `imp_${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;
}

export function pendingJob(id: string, fileName: string, dryRun: boolean, now: Date): CustomerImportRecord {
  return {
    id,
    fileName,
    status: 'PENDING',
    dryRun,
    rowsTotal: null,
    ...EMPTY_COUNTERS,
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    failureReason: null,
    errorReportKey: null,
    bucket: null,
    objectKey: null,
    objectVersion: null,
    checkpoint: null,
    invocations: 0,
  };
}

/** The item of a job: its record, keys, index keys and kind. */
export function jobItem(job: CustomerImportRecord): Record<string, unknown> {
  return { ...importKey(job.id), ...importIndexKeys(job.createdAt, job.id), kind: 'CUSTOMER_IMPORT', ...job };
}

async function loadJob(o: ClaimOptions, id: string): Promise<CustomerImportRecord | undefined> {
  const found = await o.doc.send(new GetCommand({ TableName: o.tableName, Key: importKey(id), ConsistentRead: true }));
  return found.Item as CustomerImportRecord | undefined;
}

/** The job an upload key names, if it is still waiting for its file. */
async function waitingJobOf(o: ClaimOptions, key: string): Promise<CustomerImportRecord | undefined> {
  const id = importIdOfUploadKey(key);
  if (!id) return undefined;
  const job = await loadJob(o, id);
  return job && job.status === 'PENDING' && job.objectVersion === null ? job : undefined;
}

async function markerImportId(o: ClaimOptions, object: ObjectVersion, candidate: string): Promise<{ id: string; fresh: boolean }> {
  const key = importObjectKey(object.bucket, object.key, object.version);
  try {
    await o.doc.send(
      new PutCommand({
        TableName: o.tableName,
        Item: { ...key, kind: 'CUSTOMER_IMPORT_OBJECT', importId: candidate, createdAt: o.now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { id: candidate, fresh: true };
  } catch (error) {
    if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    const found = await o.doc.send(new GetCommand({ TableName: o.tableName, Key: key, ConsistentRead: true }));
    return { id: String((found.Item as { importId?: unknown } | undefined)?.importId), fresh: false };
  }
}

export async function claimJob(o: ClaimOptions, object: ObjectVersion): Promise<Claim> {
  const waiting = await waitingJobOf(o, object.key);
  const marker = await markerImportId(o, object, waiting?.id ?? newImportId(o.now));
  if (marker.fresh && !waiting) {
    const fileName = object.key.slice(object.key.lastIndexOf('/') + 1);
    const job = pendingJob(marker.id, fileName, false, o.now);
    await o.doc
      .send(new PutCommand({ TableName: o.tableName, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((error) => {
        if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      });
  }
  const nowMs = o.now.getTime();
  try {
    const updated = await o.doc.send(
      new UpdateCommand({
        TableName: o.tableName,
        Key: importKey(marker.id),
        UpdateExpression:
          'SET #status = :running, startedAt = if_not_exists(startedAt, :now), #bucket = :bucket, objectKey = :key, objectVersion = :version, ' +
          'leaseOwner = :owner, leaseUntil = :until, updatedAt = :now ADD invocations :one',
        ConditionExpression:
          '(#status = :pending OR (#status = :running AND objectVersion = :version)) AND ' +
          '(attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs OR leaseOwner = :owner)',
        ExpressionAttributeNames: { '#status': 'status', '#bucket': 'bucket' },
        ExpressionAttributeValues: {
          ':running': 'RUNNING',
          ':pending': 'PENDING',
          ':now': o.now.toISOString(),
          ':nowMs': nowMs,
          ':bucket': object.bucket,
          ':key': object.key,
          ':version': object.version,
          ':owner': o.owner,
          ':until': nowMs + o.leaseMs,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { kind: 'run', job: updated.Attributes as CustomerImportRecord };
  } catch (error) {
    if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    const job = await loadJob(o, marker.id);
    if (!job || isFinished(job.status) || job.objectVersion !== object.version) return { kind: 'duplicate', importId: marker.id };
    return { kind: 'busy', importId: marker.id };
  }
}
