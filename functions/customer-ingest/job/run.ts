/**
 * Runs a claimed import job from where it stands: streams the object (a ranged GetObject from
 * the checkpoint when resumed) through the CSV reader in batches; per batch, invalid rows become
 * error items, valid rows conditional upserts (or, in a dry run, reads), and then ONE job update
 * adds the batch's counters and moves the checkpoint to the batch's last record boundary. A run
 * that dies mid-batch loses only that batch's counters: the next run redoes the batch, and the
 * upsert recognises its own earlier writes, so no row is lost, doubled or miscounted.
 *
 * Near the invocation's deadline the run stops after a batch and says `continue`: the handler
 * hands the message back to the queue and a fresh invocation resumes from the checkpoint.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountryCode } from 'libphonenumber-js';
import { importKey } from '../../../model/customers/keys.js';
import type { CustomerImportRecord, ImportCheckpoint, ImportCounters } from '../../../model/customers/records.js';
import { isAwsError } from '../../commons/table-client.js';
import { ImportFileError, readCustomerCsv, type CsvLayout, type ParsedRow, type ResumePoint } from '../csv/parse-stream.js';
import { validateRow } from '../csv/validate-row.js';
import { storeRowErrors, writeErrorReport, type RowError } from './error-report.js';
import { classifyCustomers, upsertCustomer, type UpsertOutcome } from './upsert.js';

export interface RunOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly s3: S3Client;
  readonly owner: string;
  readonly leaseMs: number;
  /** The object's LastModified: the `updated_at` of rows without one. */
  readonly lastModified: Date;
  readonly now?: () => Date;
  /** Milliseconds left in this invocation. */
  readonly remainingMs?: () => number;
  /** Stop and continue in a fresh invocation when less than this is left (default 60 s). */
  readonly reserveMs?: number;
  readonly batchRows?: number;
  /** Upserts in flight at once (rows of one customer always run in file order). */
  readonly concurrency?: number;
  readonly defaultCountry?: CountryCode;
  /** Live progress (bounded rate: every 1,000 rows or 1 s, and at the end); failures are logged, not fatal. */
  readonly onProgress?: (job: CustomerImportRecord) => Promise<void>;
  readonly log?: (message: string, error?: unknown) => void;
}

export type RunResult =
  { readonly kind: 'finished'; readonly job: CustomerImportRecord } | { readonly kind: 'continue'; readonly job: CustomerImportRecord };

/** The lease moved to another runner: this one must stop writing. */
export class LeaseLostError extends Error {
  constructor(importId: string) {
    super(`import ${importId}: another run holds the job now`);
    this.name = 'LeaseLostError';
  }
}

const PROGRESS_ROWS = 1000;
const PROGRESS_MS = 1000;

function zero(): ImportCounters {
  return { rowsRead: 0, rowsApplied: 0, rowsSkippedOlder: 0, rowsInvalid: 0, rowsWouldCreate: 0, rowsWouldUpdate: 0 };
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!);
  });
  await Promise.all(workers);
}

export async function runImport(job: CustomerImportRecord, o: RunOptions): Promise<RunResult> {
  const now = o.now ?? (() => new Date());
  const remainingMs = o.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const reserveMs = o.reserveMs ?? 60_000;
  const batchRows = o.batchRows ?? 100;
  const concurrency = o.concurrency ?? 32;
  const log = o.log ?? (() => undefined);
  const lastModified = o.lastModified.toISOString();
  let current = job;
  let lastProgress = { rows: job.rowsRead, at: 0 };

  const progress = async (force: boolean): Promise<void> => {
    if (!o.onProgress) return;
    const t = now().getTime();
    if (!force && current.rowsRead - lastProgress.rows < PROGRESS_ROWS && t - lastProgress.at < PROGRESS_MS) return;
    lastProgress = { rows: current.rowsRead, at: t };
    await o.onProgress(current).catch((error: unknown) => log(`import ${job.id}: progress push failed`, error));
  };

  const update = async (expression: string, values: Record<string, unknown>, names: Record<string, string> = {}): Promise<void> => {
    try {
      const out = await o.doc.send(
        new UpdateCommand({
          TableName: o.tableName,
          Key: importKey(job.id),
          UpdateExpression: expression,
          ConditionExpression: '#status = :running AND leaseOwner = :owner',
          ExpressionAttributeNames: { '#status': 'status', ...names },
          ExpressionAttributeValues: { ':running': 'RUNNING', ':owner': o.owner, ...values },
          ReturnValues: 'ALL_NEW',
        }),
      );
      current = out.Attributes as CustomerImportRecord;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) throw new LeaseLostError(job.id);
      throw error;
    }
  };

  const finish = async (failureReason: string | null): Promise<RunResult> => {
    const at = now().toISOString();
    const errorReportKey =
      failureReason === null && current.rowsInvalid > 0 ? await writeErrorReport(o.s3, current.bucket!, o.doc, o.tableName, job.id) : null;
    await update(
      'SET #status = :final, finishedAt = :at, updatedAt = :at, failureReason = :reason, errorReportKey = :report, rowsTotal = :total REMOVE leaseOwner, leaseUntil',
      {
        ':final': failureReason === null ? 'COMPLETED' : 'FAILED',
        ':at': at,
        ':reason': failureReason,
        ':report': errorReportKey,
        ':total': failureReason === null ? current.rowsRead : null,
      },
    );
    await progress(true);
    return { kind: 'finished', job: current };
  };

  const processBatch = async (batch: readonly ParsedRow[], layout: CsvLayout): Promise<void> => {
    const counters = zero();
    const errors: RowError[] = [];
    const valid: { id: string; updatedAt: string; write: Parameters<typeof upsertCustomer>[2] }[] = [];
    for (const item of batch) {
      counters.rowsRead += 1;
      if (item.kind === 'malformed') {
        errors.push({ row: item.row, problems: [{ column: '', reason: item.reason }], line: item.raw });
        continue;
      }
      const result = validateRow(item.values, { defaultCountry: o.defaultCountry });
      if (!result.ok) {
        errors.push({ row: item.row, problems: result.problems, line: item.raw });
        continue;
      }
      const updatedAt = result.customer.updatedAt ?? lastModified;
      valid.push({ id: result.customer.id, updatedAt, write: { ...result.customer, updatedAt, importId: job.id, importRow: item.row } });
    }
    counters.rowsInvalid = errors.length;
    if (errors.length > 0) await storeRowErrors(o.doc, o.tableName, job.id, errors, now());
    if (job.dryRun) {
      for (const outcome of await classifyCustomers(o.doc, o.tableName, valid)) {
        if (outcome === 'older') counters.rowsSkippedOlder += 1;
        else if (outcome === 'create') counters.rowsWouldCreate += 1;
        else counters.rowsWouldUpdate += 1;
      }
    } else {
      // Rows of one customer run in file order (deterministic outcome and counts); customers in parallel.
      const byCustomer = new Map<string, typeof valid>();
      for (const v of valid) byCustomer.set(v.id, [...(byCustomer.get(v.id) ?? []), v]);
      const at = now().toISOString();
      await inPool([...byCustomer.values()], concurrency, async (rows) => {
        for (const row of rows) {
          const outcome: UpsertOutcome = await upsertCustomer(o.doc, o.tableName, row.write, at);
          if (outcome === 'applied') counters.rowsApplied += 1;
          else counters.rowsSkippedOlder += 1;
        }
      });
    }
    const lastRecord = [...batch].reverse().find((r) => r.kind === 'row') ?? batch[batch.length - 1]!;
    const checkpoint: ImportCheckpoint = {
      byteOffset: lastRecord.endOffset,
      rowsRead: lastRecord.row,
      columns: layout.columns,
      delimiter: layout.delimiter,
    };
    await update(
      'SET checkpoint = :cp, leaseUntil = :until, updatedAt = :at ' +
        'ADD rowsRead :read, rowsApplied :applied, rowsSkippedOlder :older, rowsInvalid :invalid, rowsWouldCreate :create, rowsWouldUpdate :wouldUpdate',
      {
        ':cp': checkpoint,
        ':until': now().getTime() + o.leaseMs,
        ':at': now().toISOString(),
        ':read': counters.rowsRead,
        ':applied': counters.rowsApplied,
        ':older': counters.rowsSkippedOlder,
        ':invalid': counters.rowsInvalid,
        ':create': counters.rowsWouldCreate,
        ':wouldUpdate': counters.rowsWouldUpdate,
      },
    );
    await progress(false);
  };

  const cp = current.checkpoint;
  const resume: ResumePoint | undefined = cp
    ? {
        byteOffset: cp.byteOffset,
        rowsBefore: cp.rowsRead,
        columns: cp.columns as ResumePoint['columns'],
        delimiter: cp.delimiter as ResumePoint['delimiter'],
      }
    : undefined;
  const abort = new AbortController();
  let body: AsyncIterable<Uint8Array>;
  try {
    const object = await o.s3.send(
      new GetObjectCommand({
        Bucket: current.bucket!,
        Key: current.objectKey!,
        // The job reads the version it was started for, even if the key was overwritten since.
        ...(current.objectVersion && !current.objectVersion.includes('@') ? { VersionId: current.objectVersion } : {}),
        ...(resume ? { Range: `bytes=${resume.byteOffset}-` } : {}),
      }),
      { abortSignal: abort.signal },
    );
    body = object.Body as AsyncIterable<Uint8Array>;
  } catch (error) {
    // A checkpoint at the very end of the object: nothing is left to read.
    if (resume && (error as { name?: string }).name === 'InvalidRange') return finish(null);
    throw error;
  }
  const reader = readCustomerCsv(body, resume);
  let batch: ParsedRow[] = [];
  try {
    for await (const row of reader.rows()) {
      batch.push(row);
      if (batch.length < batchRows) continue;
      await processBatch(batch, await reader.layout());
      batch = [];
      if (remainingMs() < reserveMs) {
        abort.abort();
        return { kind: 'continue', job: current };
      }
    }
    if (batch.length > 0) await processBatch(batch, await reader.layout());
  } catch (error) {
    if (error instanceof ImportFileError) {
      log(`import ${job.id} failed: ${error.message}`);
      return finish(error.message);
    }
    throw error;
  }
  return finish(null);
}
