/**
 * Which job an arriving object version runs as, exactly once (S3 notifies at least once):
 * a marker item per bucket/key/version points to the job; the job is then leased to one runner.
 * - An upload to `imports/customers/<importId>/…` runs the PENDING job `startCustomerImport`
 *   created; any other file under the prefix gets a new job on arrival, and so does a file whose
 *   job stopped waiting (the import expirer failed it): a late file is imported, never dropped.
 * - The same version again: a finished job is a duplicate (nothing happens); a RUNNING one with an
 *   expired lease is resumed from its checkpoint (a crash, or a continuation).
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importIdOfUploadKey, importIndexKeys, importKey, importObjectKey } from '../../../model/customers/keys.js';
import { EMPTY_COUNTERS, type CustomerImportRecord } from '../../../model/customers/records.js';
import { isFinished } from '../../../model/customers/status.js';
import { expiredWithoutFile } from '../../../model/customers/upload-expiry.js';
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

/** `uploadExpiresAt`: when the job's upload link expires (null: a job created on arrival of its file). */
export function pendingJob(id: string, fileName: string, dryRun: boolean, now: Date, uploadExpiresAt: string | null): CustomerImportRecord {
  return {
    id,
    fileName,
    status: 'PENDING',
    dryRun,
    rowsTotal: null,
    ...EMPTY_COUNTERS,
    createdAt: now.toISOString(),
    uploadExpiresAt,
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

/** The job an upload key names (`imports/customers/<importId>/…`), whatever its state. */
async function namedJobOf(o: ClaimOptions, key: string): Promise<CustomerImportRecord | undefined> {
  const id = importIdOfUploadKey(key);
  return id ? loadJob(o, id) : undefined;
}

function isWaiting(job: CustomerImportRecord | undefined): job is CustomerImportRecord {
  return job !== undefined && job.status === 'PENDING' && (job.objectVersion ?? null) === null;
}

/** The job a version's marker points to now (read after a conditional write on it lost). */
async function markedImportId(o: ClaimOptions, key: ReturnType<typeof importObjectKey>): Promise<string> {
  const found = await o.doc.send(new GetCommand({ TableName: o.tableName, Key: key, ConsistentRead: true }));
  return String((found.Item as { importId?: unknown } | undefined)?.importId);
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
    return { id: await markedImportId(o, key), fresh: false };
  }
}

/**
 * A job of its own for a file no waiting job takes: a dropped file, or one uploaded through the
 * link of a job that is no longer waiting (expired, or already ran). Such a file keeps that job's
 * dry-run choice: a file meant for a dry run never writes customers. Idempotent (conditional put).
 */
async function putJobOnArrival(o: ClaimOptions, object: ObjectVersion, id: string, named: CustomerImportRecord | undefined): Promise<void> {
  const fileName = object.key.slice(object.key.lastIndexOf('/') + 1);
  const job = pendingJob(id, fileName, named?.dryRun ?? false, o.now, null);
  await o.doc
    .send(new PutCommand({ TableName: o.tableName, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' }))
    .catch((error) => {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    });
}

/** Points the version's marker from an expired job to a new one; another delivery may have done it first. */
async function repointMarker(o: ClaimOptions, object: ObjectVersion, from: string, to: string): Promise<string> {
  const key = importObjectKey(object.bucket, object.key, object.version);
  try {
    await o.doc.send(
      new UpdateCommand({
        TableName: o.tableName,
        Key: key,
        UpdateExpression: 'SET importId = :to',
        ConditionExpression: 'importId = :from',
        ExpressionAttributeValues: { ':from': from, ':to': to },
      }),
    );
    return to;
  } catch (error) {
    if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    return markedImportId(o, key);
  }
}

export async function claimJob(o: ClaimOptions, object: ObjectVersion): Promise<Claim> {
  const named = await namedJobOf(o, object.key);
  const waiting = isWaiting(named) ? named : undefined;
  const marker = await markerImportId(o, object, waiting?.id ?? newImportId(o.now));
  // Not only when the marker is fresh: a redelivery after a crash between marker and job finds it.
  if (!waiting) await putJobOnArrival(o, object, marker.id, named);
  const claim = await leaseJob(o, marker.id, object);
  if (claim.kind !== 'expired') return claim;
  // The import expirer failed the job between our read and our lease (the file came as its link
  // expired), or a redelivery names it: the file becomes a job of its own, never a "duplicate".
  const id = await repointMarker(o, object, marker.id, newImportId(o.now));
  await putJobOnArrival(o, object, id, claim.job);
  const retried = await leaseJob(o, id, object);
  return retried.kind === 'expired' ? { kind: 'duplicate', importId: id } : retried;
}

/** Moves the job to RUNNING under this runner's lease; `expired`: it was failed without a file. */
async function leaseJob(
  o: ClaimOptions,
  id: string,
  object: ObjectVersion,
): Promise<Claim | { readonly kind: 'expired'; readonly job: CustomerImportRecord }> {
  const nowMs = o.now.getTime();
  try {
    const updated = await o.doc.send(
      new UpdateCommand({
        TableName: o.tableName,
        Key: importKey(id),
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
    const job = await loadJob(o, id);
    if (job && expiredWithoutFile(job)) return { kind: 'expired', job };
    if (!job || isFinished(job.status) || job.objectVersion !== object.version) return { kind: 'duplicate', importId: id };
    return { kind: 'busy', importId: id };
  }
}
