/**
 * Runs a claimed import job from where it stands: streams the object (a ranged GetObject from
 * the checkpoint when resumed) through the CSV reader in batches; per batch, invalid rows become
 * error items, valid rows conditional upserts (or, in a dry run, reads). Writes are pipelined
 * (job/pipeline.ts): up to `concurrency` requests stay in flight across batches, rows of one
 * customer run in file order, and a single committer writes checkpoints in file order, each
 * adding the counters of the batches it covers and moving the byte offset to the last one's
 * final record boundary. A run that dies loses only the uncommitted batches' counters: the next
 * run redoes those batches, and the upsert recognises its own earlier writes, so no row is lost,
 * doubled or miscounted.
 *
 * Near the invocation's deadline the run stops reading after a batch, lets the writes in flight
 * settle and commit, and says `continue`: the handler hands the message back to the queue and a
 * fresh invocation resumes from the checkpoint.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountryCode } from 'libphonenumber-js';
import { importKey } from '../../../model/customers/keys.js';
import type { CustomerImportRecord, ImportCheckpoint, ImportCounters } from '../../../model/customers/records.js';
import { isAwsError } from '../../commons/table-client.js';
import { ImportFileError, readCustomerCsv, type CsvLayout, type ParsedRow, type ResumePoint } from '../csv/parse-stream.js';
import { storeRowErrors, writeErrorReport } from './error-report.js';
import { DryRunMemory } from './dry-run-memory.js';
import { CustomerChain, OrderedCommitter, Slots, zeroCounters, type BatchResult } from './pipeline.js';
import { classifyCustomers, upsertCustomer, type UpsertOutcome } from './upsert.js';
import { validateBatch } from './validate-batch.js';

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

/**
 * Requests in flight at once: DynamoDB Local's best raw conditional-write rate on the 2-core
 * bench machine (bench/customer-ingest.ts, docs/benchmarks.md); the benchmark's raw writes use it too.
 */
export const DEFAULT_CONCURRENCY = 32;

const PROGRESS_ROWS = 1000;
const PROGRESS_MS = 1000;

/** Batches read but not yet committed, at most (bounds memory when one write is slow). */
const MAX_PENDING_BATCHES = 64;
/** BatchGetItem calls of a dry run in flight at once (each reads up to 100 customers). */
export const DRY_RUN_READS = 4;

export async function runImport(job: CustomerImportRecord, o: RunOptions): Promise<RunResult> {
  const now = o.now ?? (() => new Date());
  const remainingMs = o.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const reserveMs = o.reserveMs ?? 60_000;
  const batchRows = o.batchRows ?? 100;
  const concurrency = o.concurrency ?? DEFAULT_CONCURRENCY;
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

  const commit = async (counters: ImportCounters, checkpoint: ImportCheckpoint): Promise<void> => {
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
  const committer = new OrderedCommitter(commit, MAX_PENDING_BATCHES);
  const writeSlots = new Slots(job.dryRun ? DRY_RUN_READS : concurrency);
  const chain = new CustomerChain();
  const memory = new DryRunMemory();

  /** Validates a batch and starts its work; resolves once the work is in flight (slots taken). */
  const dispatchBatch = async (batch: readonly ParsedRow[], layout: CsvLayout): Promise<{ result: Promise<BatchResult> }> => {
    const counters = zeroCounters();
    const { rowsRead, errors, valid, checkpoint } = validateBatch(batch, {
      importId: job.id,
      layout,
      lastModified,
      defaultCountry: o.defaultCountry,
    });
    counters.rowsRead = rowsRead;
    counters.rowsInvalid = errors.length;
    const inFlight: Promise<unknown>[] = [];
    /** Starts `work` once a slot is free; the returned promise is tracked (and marked handled: the batch reports it). */
    const inSlot = async <T>(work: () => Promise<T>): Promise<{ running: Promise<T> }> => {
      await writeSlots.acquire();
      const running = work().finally(() => writeSlots.release());
      running.catch(() => undefined);
      inFlight.push(running);
      return { running };
    };
    if (errors.length > 0) await inSlot(() => storeRowErrors(o.doc, o.tableName, job.id, errors, now()));
    if (job.dryRun) {
      // Taken in file order, before the reads: a later batch's classification sees this one's rows.
      const rows = valid.map((row) => ({ id: row.id, updatedAt: row.updatedAt, earlier: memory.earlier(row.id) }));
      for (const row of valid) memory.note(row.id, row.updatedAt);
      await inSlot(async () => {
        for (const outcome of await classifyCustomers(o.doc, o.tableName, rows)) {
          if (outcome === 'older') counters.rowsSkippedOlder += 1;
          else if (outcome === 'create') counters.rowsWouldCreate += 1;
          else counters.rowsWouldUpdate += 1;
        }
      });
    } else {
      const at = now().toISOString();
      for (const row of valid) {
        // The slot is taken before waiting for the customer's previous row: in-flight work stays bounded.
        await inSlot(() =>
          chain.then(row.id, async () => {
            const outcome: UpsertOutcome = await upsertCustomer(o.doc, o.tableName, row.write, at);
            if (outcome === 'applied') counters.rowsApplied += 1;
            else counters.rowsSkippedOlder += 1;
          }),
        );
      }
    }
    return { result: Promise.all(inFlight).then(() => ({ counters, checkpoint })) };
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
  const submit = async (rows: readonly ParsedRow[]): Promise<void> =>
    committer.add((await dispatchBatch(rows, await reader.layout())).result);
  try {
    for await (const batch of reader.batches(batchRows)) {
      await submit(batch);
      if (remainingMs() < reserveMs) {
        abort.abort();
        await committer.close();
        return { kind: 'continue', job: current };
      }
    }
    await committer.close();
  } catch (error) {
    abort.abort();
    // Writes in flight settle, and the batches before the failure are committed, before the run ends.
    await committer.close().catch(() => undefined);
    if (error instanceof ImportFileError) {
      log(`import ${job.id} failed: ${error.message}`);
      return finish(error.message);
    }
    throw error;
  }
  return finish(null);
}
