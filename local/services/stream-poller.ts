/**
 * Local event source mapping for DynamoDB Streams: polls DynamoDB Local's stream of each wired
 * table and invokes every function whose trigger is `{kind:'dynamodbStream', table, batchSize}`
 * with an AWS-shaped `DynamoDBStreamEvent`, the way Lambda's poller does.
 *
 *   const poller = await startStreamPoller({ endpoint, stage, tableName, invoke: functions.invoke });
 *   ...                      // every write after start() resolved is delivered
 *   await poller.drain();    // resolves once everything in the streams has been processed
 *   await poller.stop();     // finishes the batch in flight, then stops polling
 *
 * Semantics (mirroring the mapping infra creates: bisect on error, partial batch responses,
 * retries, on-failure DLQ):
 * - One reader per (function, shard); records of a shard are delivered in order, at most one batch
 *   in flight per shard, at most `batchSize` records per batch. A child shard (rollover) is read
 *   only after its parent is finished.
 * - Start position: `LATEST` by default (a fresh local run does not replay old history); the
 *   iterators are taken before `start` resolves, so nothing written afterwards is missed. Shards
 *   discovered later are read from `TRIM_HORIZON`. With `checkpointFile` (what `npm start` should
 *   pass, next to the persisted DynamoDB data), each mapping's position per shard is saved after
 *   every batch and a restart resumes `AFTER_SEQUENCE_NUMBER`, so writes made while the poller
 *   was down are not skipped.
 * - `{batchItemFailures:[{itemIdentifier}]}`: records before the first failed one are done; the
 *   retry starts at the failed record. An unknown or empty identifier fails the whole batch.
 *   A thrown error fails the batch and bisects it (halves the next batch), until the failing
 *   record is alone. A record that keeps failing is retried `maxRetries` times (default 10, as
 *   infra's `STREAM_SETTINGS.retryAttempts`) with exponential backoff, then written to the local
 *   DLQ (`stockroom-<stage>-<function>-dlq`) and skipped. Nothing is reordered or lost.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type AttributeValue,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resourceName, wiring as defaultWiring, type Wiring } from '../../build/wiring.js';
import { createDynamoClient, LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';
import { createLocalDlq, dlqName, type LocalDlq } from './dlq.js';

export interface StreamMapping {
  /** Function to invoke (a key of `wiring.functions`, or any name `invoke` understands). */
  readonly functionName: string;
  /** Logical table name. */
  readonly table: string;
  readonly batchSize: number;
}

export type PollerLogger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface StreamPollerOptions {
  /** DynamoDB Local endpoint. */
  readonly endpoint: string;
  readonly stage: string;
  /** Physical name of a logical table; default `stockroom-<stage>-<logical>`. */
  readonly tableName?: (logical: string) => string;
  /** Invokes a function with an event; resolves with its result (e.g. `createLocalFunctions().invoke`). */
  readonly invoke: (functionName: string, event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly region?: string;
  readonly wiring?: Wiring;
  /** Default: every `dynamodbStream` trigger of the wiring. */
  readonly mappings?: readonly StreamMapping[];
  readonly startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** Pause between polls of an idle shard. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Retries of a failing record before it goes to the DLQ. Default 10. */
  readonly maxRetries?: number;
  /** First retry delay; doubles per attempt up to 2 s. Default 100 ms. */
  readonly retryDelayMs?: number;
  /** How often shards are listed again (rollover). Default 1000 ms. */
  readonly shardRefreshMs?: number;
  /** JSON file of positions (per function, stream and shard) to resume from after a restart. */
  readonly checkpointFile?: string;
  /** Where exhausted records go. Default: an in-memory DLQ (see `poller.dlq`). */
  readonly dlq?: LocalDlq;
  readonly log?: PollerLogger;
}

export interface StreamPollerStats {
  readonly invocations: number;
  readonly recordsDelivered: number;
  readonly failedInvocations: number;
  readonly deadLettered: number;
}

export interface StreamPoller {
  /** Resolves when every record currently in the streams (and any they cause) has been processed. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** Stops polling after the batches in flight; idempotent. */
  stop(): Promise<void>;
  readonly dlq: LocalDlq;
  stats(): StreamPollerStats;
}

const defaultLog: PollerLogger = (level, message, fields) => {
  if (level === 'info') return;
  console.error(JSON.stringify({ level: level.toUpperCase(), source: 'stream-poller', message, ...fields }));
};

/** SDK attribute value → Lambda event JSON (`B`/`BS` as base64 strings). */
export function toLambdaAttributeValue(av: AttributeValue): Record<string, unknown> {
  if (av.S !== undefined) return { S: av.S };
  if (av.N !== undefined) return { N: av.N };
  if (av.BOOL !== undefined) return { BOOL: av.BOOL };
  if (av.NULL !== undefined) return { NULL: av.NULL };
  if (av.B !== undefined) return { B: Buffer.from(av.B).toString('base64') };
  if (av.SS !== undefined) return { SS: [...av.SS] };
  if (av.NS !== undefined) return { NS: [...av.NS] };
  if (av.BS !== undefined) return { BS: av.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (av.L !== undefined) return { L: av.L.map(toLambdaAttributeValue) };
  if (av.M !== undefined) return { M: toLambdaImage(av.M) };
  throw new Error(`unknown attribute value ${JSON.stringify(av)}`);
}

function toLambdaImage(map: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) out[k] = toLambdaAttributeValue(v);
  return out;
}

/** One GetRecords record → the record Lambda puts into a `DynamoDBStreamEvent`. */
export function toLambdaRecord(record: StreamRecord, eventSourceARN: string, region: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  const dynamodb: Record<string, unknown> = {
    ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : Math.floor(Date.now() / 1000),
    Keys: toLambdaImage(d.Keys ?? {}),
    SequenceNumber: d.SequenceNumber,
    SizeBytes: d.SizeBytes,
    StreamViewType: d.StreamViewType,
  };
  if (d.NewImage) dynamodb['NewImage'] = toLambdaImage(d.NewImage);
  if (d.OldImage) dynamodb['OldImage'] = toLambdaImage(d.OldImage);
  const out: Record<string, unknown> = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb,
    eventSourceARN,
  };
  if (record.userIdentity) out['userIdentity'] = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return out as DynamoDBRecord;
}

/**
 * Index of the first failed record of a batch from the handler's result: -1 = all succeeded,
 * 0 also for an unusable answer (AWS fails the whole batch on an invalid identifier).
 */
export function firstFailedIndex(result: unknown, sequenceNumbers: readonly string[]): number {
  if (result === undefined || result === null || typeof result !== 'object') return -1;
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return -1;
  if (!Array.isArray(failures)) return 0;
  let first = -1;
  for (const f of failures) {
    const id = typeof f === 'object' && f !== null ? (f as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (index < 0) return 0;
    if (first < 0 || index < first) first = index;
  }
  return first;
}

/** Last processed sequence number per `function|streamArn|shardId`, saved as one JSON file. */
class Checkpoints {
  private readonly data: Record<string, string> = {};
  constructor(private readonly file: string | undefined) {
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && /^\d+$/.test(v)) this.data[k] = v;
      }
    } catch {
      // No checkpoint yet (first start) or unreadable: start from the configured position.
    }
  }
  get(key: string): string | undefined {
    return this.data[key];
  }
  set(key: string, sequenceNumber: string): void {
    if (!this.file) return;
    this.data[key] = sequenceNumber;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 1));
    renameSync(tmp, this.file);
  }
}

interface Counters {
  invocations: number;
  recordsDelivered: number;
  failedInvocations: number;
  deadLettered: number;
}

class ShardReader {
  iterator: string | undefined;
  iteratorEnded = false;
  pending: StreamRecord[] = [];
  lastFetchedSeq: string | undefined;
  headAttempts = 0;
  batchLimit: number;
  retryAt = 0;
  /** Epoch (see MappingPoller.epoch) at whose start the last empty GetRecords began. */
  emptyPollEpoch = -1;
  busy = false;

  constructor(
    readonly shardId: string,
    readonly parentShardId: string | undefined,
    readonly initialType: ShardIteratorType,
    batchSize: number,
  ) {
    this.batchLimit = batchSize;
  }

  get done(): boolean {
    return this.iteratorEnded && this.pending.length === 0;
  }
}

class MappingPoller {
  private lastPollError = '';
  private lastPollErrorAt = 0;
  readonly readers = new Map<string, ShardReader>();
  /** Shards that were already closed at a LATEST start: history we do not read. */
  readonly skipped = new Set<string>();
  streamArn = '';
  lastRefresh = 0;
  refreshedEpoch = -1;
  dead = false;
  shardClosed = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly mapping: StreamMapping,
    readonly physicalTable: string,
    private readonly ddb: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly o: Required<Pick<StreamPollerOptions, 'pollIntervalMs' | 'maxRetries' | 'retryDelayMs' | 'shardRefreshMs' | 'invoke' | 'log' | 'region' | 'stage'>> & { dlq: LocalDlq; startingPosition: 'LATEST' | 'TRIM_HORIZON' },
    private readonly counters: Counters,
    private readonly epoch: () => number,
    private readonly checkpoints: Checkpoints,
  ) {}

  private checkpointKey(shardId: string): string {
    return `${this.mapping.functionName}|${this.streamArn}|${shardId}`;
  }

  /** Records up to `record` are processed (delivered or dead-lettered). */
  private advance(reader: ShardReader, record: StreamRecord | undefined): void {
    const seq = record?.dynamodb?.SequenceNumber;
    if (seq) this.checkpoints.set(this.checkpointKey(reader.shardId), seq);
  }

  async start(): Promise<void> {
    const described = await this.ddb.send(new DescribeTableCommand({ TableName: this.physicalTable }));
    const arn = described.Table?.LatestStreamArn;
    if (!arn || described.Table?.StreamSpecification?.StreamEnabled === false) {
      throw new Error(`table ${this.physicalTable} has no stream, but function "${this.mapping.functionName}" is triggered by it`);
    }
    this.streamArn = arn;
    const shards = await this.listShards();
    for (const shard of shards) {
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const saved = this.checkpoints.get(this.checkpointKey(shard.ShardId as string));
      if (this.o.startingPosition === 'LATEST' && closed && !saved) {
        this.skipped.add(shard.ShardId as string);
        continue;
      }
      const reader = new ShardReader(shard.ShardId as string, shard.ParentShardId, this.o.startingPosition, this.mapping.batchSize);
      // Resume after the last record processed before a restart.
      reader.lastFetchedSeq = saved;
      // Taken now, so LATEST means "after what existed when start() resolved".
      await this.openIterator(reader);
      this.readers.set(reader.shardId, reader);
    }
    this.lastRefresh = Date.now();
    this.refreshedEpoch = this.epoch();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** True when everything up to drain epoch `e` is processed. */
  quiescent(e: number): boolean {
    if (this.dead) return true;
    if (this.refreshedEpoch < e) return false;
    for (const reader of this.readers.values()) {
      if (reader.done) continue;
      if (reader.busy || reader.pending.length > 0 || reader.emptyPollEpoch < e) return false;
    }
    return true;
  }

  describe(): Record<string, unknown> {
    return {
      function: this.mapping.functionName,
      table: this.physicalTable,
      shards: [...this.readers.values()].map((r) => ({ shardId: r.shardId, pending: r.pending.length, done: r.done, headAttempts: r.headAttempts })),
    };
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStart: string | undefined;
    do {
      const page = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStart }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStart = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    return shards;
  }

  private async openIterator(reader: ShardReader, type?: ShardIteratorType): Promise<void> {
    const useType = type ?? (reader.lastFetchedSeq ? 'AFTER_SEQUENCE_NUMBER' : reader.initialType);
    let got;
    try {
      got = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.streamArn,
          ShardId: reader.shardId,
          ShardIteratorType: useType,
          SequenceNumber: useType === 'AFTER_SEQUENCE_NUMBER' ? reader.lastFetchedSeq : undefined,
        }),
      );
    } catch (error) {
      // A saved position older than the stream's retention: read what is left.
      if (useType !== 'AFTER_SEQUENCE_NUMBER' || !isNamed(error, 'TrimmedDataAccessException')) throw error;
      this.o.log('warn', 'saved stream position was trimmed; reading from the oldest record', { function: this.mapping.functionName, shardId: reader.shardId });
      return this.openIterator(reader, 'TRIM_HORIZON');
    }
    reader.iterator = got.ShardIterator;
    if (!reader.iterator) reader.iteratorEnded = true;
  }

  private async refreshShards(): Promise<void> {
    const startedEpoch = this.epoch();
    const shards = await this.listShards();
    for (const shard of shards) {
      const id = shard.ShardId as string;
      if (this.readers.has(id) || this.skipped.has(id)) continue;
      // A shard we had not seen was created after start: read it from its beginning.
      const reader = new ShardReader(id, shard.ParentShardId, 'TRIM_HORIZON', this.mapping.batchSize);
      await this.openIterator(reader);
      this.readers.set(id, reader);
    }
    this.lastRefresh = Date.now();
    this.refreshedEpoch = startedEpoch;
  }

  private ready(reader: ShardReader): boolean {
    if (reader.done) return false;
    const parentId = reader.parentShardId;
    if (!parentId || this.skipped.has(parentId)) return true;
    const parent = this.readers.get(parentId);
    // An unknown parent was trimmed away before we saw it.
    return !parent || parent.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        const e = this.epoch();
        // List shards again: periodically, when a drain asks, and when a shard just closed (rollover).
        if (Date.now() - this.lastRefresh >= this.o.shardRefreshMs || this.refreshedEpoch < e || this.shardClosed) {
          this.shardClosed = false;
          await this.refreshShards();
        }
        const results = await Promise.all([...this.readers.values()].filter((r) => this.ready(r)).map((r) => this.step(r)));
        worked = results.some(Boolean);
      } catch (error) {
        if (isNamed(error, 'ResourceNotFoundException')) {
          this.o.log('warn', 'stream or table is gone; mapping stopped', { function: this.mapping.functionName, table: this.physicalTable });
          this.dead = true;
          return;
        }
        // The same failure (e.g. DynamoDB Local gone during shutdown) is logged once per 10 s, not per poll.
        const message = String(error);
        if (message !== this.lastPollError || Date.now() - this.lastPollErrorAt >= 10_000) {
          this.o.log('error', 'stream poll failed', { function: this.mapping.functionName, table: this.physicalTable, error: message });
          this.lastPollError = message;
          this.lastPollErrorAt = Date.now();
        }
        await this.sleep(1000);
        continue;
      }
      if (!worked && !this.stopped) await this.sleep(this.o.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** One poll and/or one batch on a shard. Returns whether records moved. */
  private async step(reader: ShardReader): Promise<boolean> {
    if (reader.pending.length === 0 && !reader.iteratorEnded) {
      const startedEpoch = this.epoch();
      let page;
      try {
        page = await this.streams.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: 1000 }));
      } catch (error) {
        if (isNamed(error, 'ExpiredIteratorException')) {
          await this.openIterator(reader);
          return true;
        }
        if (isNamed(error, 'TrimmedDataAccessException')) {
          this.o.log('warn', 'stream records were trimmed before they were read', { function: this.mapping.functionName, shardId: reader.shardId });
          await this.openIterator(reader, 'TRIM_HORIZON');
          return true;
        }
        throw error;
      }
      const records = page.Records ?? [];
      reader.iterator = page.NextShardIterator;
      if (!reader.iterator) {
        reader.iteratorEnded = true;
        this.shardClosed = true;
      }
      if (records.length === 0) {
        reader.emptyPollEpoch = startedEpoch;
        return reader.iteratorEnded;
      }
      reader.pending.push(...records);
      reader.lastFetchedSeq = records[records.length - 1]?.dynamodb?.SequenceNumber ?? reader.lastFetchedSeq;
    }
    if (reader.pending.length === 0) return false;
    if (Date.now() < reader.retryAt) return false;
    await this.deliver(reader);
    return true;
  }

  private async deliver(reader: ShardReader): Promise<void> {
    const { functionName } = this.mapping;
    const batch = reader.pending.slice(0, Math.max(1, Math.min(reader.batchLimit, this.mapping.batchSize)));
    const sequenceNumbers = batch.map((r) => r.dynamodb?.SequenceNumber ?? '');
    const event: DynamoDBStreamEvent = { Records: batch.map((r) => toLambdaRecord(r, this.streamArn, this.o.region)) };
    let failedAt: number;
    let thrown = false;
    let lastError = '';
    reader.busy = true;
    this.counters.invocations++;
    try {
      const result = await this.o.invoke(functionName, event);
      failedAt = firstFailedIndex(result, sequenceNumbers);
      if (failedAt >= 0) lastError = `batch item failure reported for ${sequenceNumbers[failedAt]}`;
    } catch (error) {
      failedAt = 0;
      thrown = true;
      lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      reader.busy = false;
    }

    if (failedAt < 0) {
      reader.pending.splice(0, batch.length);
      this.advance(reader, batch[batch.length - 1]);
      this.counters.recordsDelivered += batch.length;
      reader.headAttempts = 0;
      reader.batchLimit = this.mapping.batchSize;
      reader.retryAt = 0;
      return;
    }
    this.counters.failedInvocations++;
    if (failedAt > 0) {
      // Records before the first failure are checkpointed.
      reader.pending.splice(0, failedAt);
      this.advance(reader, batch[failedAt - 1]);
      this.counters.recordsDelivered += failedAt;
      reader.headAttempts = 0;
    }
    reader.headAttempts++;
    const retried = batch.length - failedAt;
    // The head is known to be the culprit when it was reported, or when it was alone.
    const headIsCulprit = !thrown || retried === 1;
    if (headIsCulprit && reader.headAttempts > this.o.maxRetries) {
      const poison = reader.pending.shift() as StreamRecord;
      this.advance(reader, poison);
      this.counters.deadLettered++;
      await this.o.dlq.send(dlqName(this.o.stage, functionName), {
        source: 'stream',
        functionName,
        attempts: reader.headAttempts,
        error: lastError,
        payload: toLambdaRecord(poison, this.streamArn, this.o.region),
        meta: { shardId: reader.shardId, sequenceNumber: poison.dynamodb?.SequenceNumber, eventSourceARN: this.streamArn },
      });
      this.o.log('error', 'stream record sent to the DLQ after retries', { function: functionName, shardId: reader.shardId, sequenceNumber: poison.dynamodb?.SequenceNumber, attempts: reader.headAttempts, error: lastError });
      reader.headAttempts = 0;
      reader.batchLimit = this.mapping.batchSize;
      reader.retryAt = 0;
      return;
    }
    // Bisect on a thrown error; retry from the failed record on a partial failure.
    reader.batchLimit = thrown || failedAt === 0 ? Math.max(1, Math.ceil(retried / 2)) : retried;
    reader.retryAt = Date.now() + Math.min(this.o.retryDelayMs * 2 ** Math.max(0, reader.headAttempts - 1), 2000);
    this.o.log('warn', 'stream batch failed; retrying', { function: functionName, shardId: reader.shardId, attempts: reader.headAttempts, nextBatch: reader.batchLimit, error: lastError });
  }
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** The stream mappings of the wiring, optionally only those of one table. */
export function streamMappings(w: Wiring = defaultWiring): StreamMapping[] {
  const out: StreamMapping[] = [];
  for (const [functionName, spec] of Object.entries(w.functions)) {
    if (spec.trigger.kind === 'dynamodbStream') out.push({ functionName, table: spec.trigger.table, batchSize: spec.trigger.batchSize });
  }
  return out;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const w = options.wiring ?? defaultWiring;
  const mappings = options.mappings ?? streamMappings(w);
  for (const m of mappings) {
    const table = w.tables.find((t) => t.name === m.table);
    if (options.mappings === undefined && !table?.stream) throw new Error(`function "${m.functionName}" streams from table "${m.table}", which has no stream in the wiring`);
    if (!Number.isInteger(m.batchSize) || m.batchSize < 1 || m.batchSize > 10000) throw new Error(`function "${m.functionName}": batchSize must be 1..10000`);
  }
  const tableName = options.tableName ?? ((logical: string) => resourceName(options.stage, logical));
  const region = options.region ?? LOCAL_REGION;
  const ddb = createDynamoClient(options.endpoint, { maxAttempts: 3 });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  const dlq = options.dlq ?? createLocalDlq();
  const counters: Counters = { invocations: 0, recordsDelivered: 0, failedInvocations: 0, deadLettered: 0 };
  let epoch = 0;
  const settings = {
    pollIntervalMs: options.pollIntervalMs ?? 100,
    maxRetries: options.maxRetries ?? 10,
    retryDelayMs: options.retryDelayMs ?? 100,
    shardRefreshMs: options.shardRefreshMs ?? 1000,
    invoke: options.invoke,
    log: options.log ?? defaultLog,
    region,
    stage: options.stage,
    dlq,
    startingPosition: options.startingPosition ?? 'LATEST',
  } as const;
  const checkpoints = new Checkpoints(options.checkpointFile);
  const pollers = mappings.map((m) => new MappingPoller(m, tableName(m.table), ddb, streams, settings, counters, () => epoch, checkpoints));
  try {
    await Promise.all(pollers.map((p) => p.start()));
  } catch (error) {
    await Promise.all(pollers.map((p) => p.stop()));
    ddb.destroy();
    streams.destroy();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    dlq,
    stats: () => ({ ...counters }),
    async drain({ timeoutMs = 15_000 } = {}) {
      const e = ++epoch;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (stopping) throw new Error('stream poller is stopped');
        if (pollers.every((p) => p.quiescent(e))) return;
        if (Date.now() > deadline) throw new Error(`stream poller did not drain within ${timeoutMs} ms: ${JSON.stringify(pollers.map((p) => p.describe()))}`);
        for (const p of pollers) p.wake();
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop() {
      stopping ??= (async () => {
        await Promise.all(pollers.map((p) => p.stop()));
        ddb.destroy();
        streams.destroy();
      })();
      return stopping;
    },
  };
}
