/**
 * Import expirer (wiring: schedule every 5 minutes, reserved concurrency 1; docs/customers.md,
 * "Uploads that never arrive"). A job `startCustomerImport` created waits for its file; if the
 * upload never comes (browser closed, upload refused) it would wait forever. This finds PENDING
 * jobs whose upload link expired more than the grace ago and fails each with one conditional
 * UpdateItem (`status = PENDING` and no object yet). When the file's claim got there first, the
 * condition fails: a normal outcome (`skipped`). A file arriving later gets a job of its own
 * (customer-ingest/job/claim.ts), so failing a job never loses a file.
 *
 * Environment: `TABLE_NAME` (grant), optionally `GRAPHQL_URL` (graphqlIam grant: the failed state
 * is pushed to the job's `onImportProgress` subscribers; the admin app re-reads it anyway).
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importKey, IMPORTS_INDEX, IMPORTS_PARTITION } from '../../model/customers/keys.js';
import type { CustomerImportRecord } from '../../model/customers/records.js';
import {
  EXPIRY_LOOKBACK_SECONDS,
  isUploadOverdue,
  UPLOAD_GRACE_SECONDS,
  UPLOAD_URL_SECONDS,
  uploadExpiredReason,
  uploadExpiryOf,
} from '../../model/customers/upload-expiry.js';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { isAwsError, tableFromEnv } from '../commons/table-client.js';
import { createImportProgressPublisher } from '../customer-ingest/progress.js';

/** Jobs failed at once (each is one UpdateItem). */
const EXPIRY_CONCURRENCY = 4;

export interface ExpirySummary {
  /** PENDING jobs whose upload link expired more than the grace ago. */
  found: number;
  /** Jobs this run moved to FAILED. */
  expired: number;
  /** Jobs whose file was claimed (or that another expirer failed) first: the condition held them. */
  skipped: number;
  /** Jobs left PENDING because of an error; the next run tries again. */
  failed: number;
}

export interface ExpiryOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The run's clock (tests pass one). */
  readonly now?: Date;
  readonly log?: FunctionLogger;
  /** Pushes a failed job to its subscribers; a failed push is logged, never counted as a failure. */
  readonly publish?: (job: CustomerImportRecord) => Promise<void>;
}

export type ExpiryOutcome = 'expired' | 'skipped' | 'failed';

/**
 * PENDING jobs overdue at `now`, from the imports index (all pages). The sort key is
 * `<createdAt>#<id>` and a link expires UPLOAD_URL_SECONDS after creation, so only jobs created
 * in [now − lookback, now − (link + grace)] can be overdue: the range keeps the query bounded.
 */
export async function findOverdueImports(doc: DynamoDBDocumentClient, tableName: string, now: Date): Promise<CustomerImportRecord[]> {
  const lower = new Date(now.getTime() - EXPIRY_LOOKBACK_SECONDS * 1000).toISOString();
  const upper = new Date(now.getTime() - (UPLOAD_URL_SECONDS + UPLOAD_GRACE_SECONDS) * 1000).toISOString();
  const found: CustomerImportRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: IMPORTS_INDEX,
        KeyConditionExpression: 'gsi13pk = :pk AND gsi13sk BETWEEN :lower AND :upper',
        FilterExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': IMPORTS_PARTITION, ':lower': `${lower}#`, ':upper': `${upper}#\uffff`, ':pending': 'PENDING' },
        ExclusiveStartKey: startKey,
      }),
    );
    // The record decides (its own uploadExpiresAt; null for a job created on arrival of its file).
    for (const item of page.Items ?? []) if (isUploadOverdue(item as CustomerImportRecord, now)) found.push(item as CustomerImportRecord);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** Fails one overdue job unless its file was claimed first. Exported for tests. */
export async function expireImport(opts: ExpiryOptions & { job: CustomerImportRecord }): Promise<ExpiryOutcome> {
  const { doc, tableName, job } = opts;
  const log = opts.log ?? functionLogger('import-expirer');
  const now = opts.now ?? new Date();
  const expiresAt = uploadExpiryOf(job);
  if (expiresAt === null || !isUploadOverdue(job, now)) return 'skipped';
  let failed: CustomerImportRecord;
  try {
    const out = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importKey(job.id),
        UpdateExpression: 'SET #status = :failed, finishedAt = :now, updatedAt = :now, failureReason = :reason',
        // pendingJob stores objectVersion as null; the claim sets it with RUNNING in one update.
        ConditionExpression: '#status = :pending AND (attribute_not_exists(objectVersion) OR attribute_type(objectVersion, :nullType))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'FAILED',
          ':pending': 'PENDING',
          ':nullType': 'NULL',
          ':now': now.toISOString(),
          ':reason': uploadExpiredReason(expiresAt),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    failed = out.Attributes as CustomerImportRecord;
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) return 'skipped';
    log.error('expiring an import failed', { importId: job.id, error });
    return 'failed';
  }
  if (opts.publish) {
    await opts.publish(failed).catch((error: unknown) => log.warn('pushing an expired import failed', { importId: job.id, error }));
  }
  return 'expired';
}

/** One run: every overdue job failed, each with its own conditional update. Exported for tests. */
export async function expireImports(opts: ExpiryOptions): Promise<ExpirySummary> {
  const log = opts.log ?? functionLogger('import-expirer');
  const now = opts.now ?? new Date();
  const queue = await findOverdueImports(opts.doc, opts.tableName, now);
  const summary: ExpirySummary = { found: queue.length, expired: 0, skipped: 0, failed: 0 };
  await Promise.all(
    Array.from({ length: Math.min(EXPIRY_CONCURRENCY, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) summary[await expireImport({ ...opts, now, log, job })]++;
    }),
  );
  if (summary.found > 0) log.info('import expiry finished', { ...summary });
  return summary;
}

export const handler = instrumented(async (_event: ScheduledEvent | unknown, _context?: Context): Promise<ExpirySummary> => {
  const { doc, tableName } = tableFromEnv();
  const graphqlUrl = process.env['GRAPHQL_URL'];
  const publish = graphqlUrl ? createImportProgressPublisher({ graphqlUrl, region: process.env['AWS_REGION'] ?? 'us-east-1' }) : undefined;
  return expireImports({ doc, tableName, ...(publish ? { publish } : {}) });
});
