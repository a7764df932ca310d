/**
 * One event source mapping (function × table): lists shards, reads them in order, delivers
 * batches with bisect-on-error, partial batch responses, retries and the on-failure DLQ.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { dlqName, type LocalDlq } from '../dlq.js';
import type { Checkpoints } from './checkpoints.js';
import { epochMs, traceStreamHop } from '../latency-trace.js';
import { firstFailedIndex, toLambdaRecord } from './records.js';
import { ShardReader, type Counters } from './shard-reader.js';
import type { StreamMapping, StreamPollerOptions } from './types.js';

export type PollerSettings = Required<
  Pick<StreamPollerOptions, 'pollIntervalMs' | 'maxRetries' | 'retryDelayMs' | 'shardRefreshMs' | 'invoke' | 'log' | 'region' | 'stage'>
> & {
  dlq: LocalDlq;
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
};

export class MappingPoller {
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
  private wakeRequested = false;
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly mapping: StreamMapping,
    readonly physicalTable: string,
    private readonly ddb: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly o: PollerSettings,
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

  /** Polls now instead of after the idle pause (or right after the poll in flight, which may have missed a write). */
  wake(): void {
    this.wakeRequested = true;
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
      shards: [...this.readers.values()].map((r) => ({
        shardId: r.shardId,
        pending: r.pending.length,
        done: r.done,
        headAttempts: r.headAttempts,
      })),
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
      this.o.log('warn', 'saved stream position was trimmed; reading from the oldest record', {
        function: this.mapping.functionName,
        shardId: reader.shardId,
      });
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
          this.o.log('warn', 'stream or table is gone; mapping stopped', {
            function: this.mapping.functionName,
            table: this.physicalTable,
          });
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
    // A wake that came while a poll was in flight (the write may have landed after it read): poll again now.
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** One poll and/or one batch on a shard. Returns whether records moved. */
  private async step(reader: ShardReader): Promise<boolean> {
    if (reader.pending.length === 0 && !reader.iteratorEnded) {
      const startedEpoch = this.epoch();
      const pollStarted = epochMs();
      let page;
      try {
        page = await this.streams.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: 1000 }));
      } catch (error) {
        if (isNamed(error, 'ExpiredIteratorException')) {
          await this.openIterator(reader);
          return true;
        }
        if (isNamed(error, 'TrimmedDataAccessException')) {
          this.o.log('warn', 'stream records were trimmed before they were read', {
            function: this.mapping.functionName,
            shardId: reader.shardId,
          });
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
      for (const r of records) {
        traceStreamHop(`${this.mapping.functionName}:poll-start`, r.dynamodb?.NewImage, pollStarted);
        traceStreamHop(`${this.mapping.functionName}:records`, r.dynamodb?.NewImage);
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
    for (const r of batch) traceStreamHop(`${functionName}:invoke`, r.dynamodb?.NewImage);
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
      this.o.log('error', 'stream record sent to the DLQ after retries', {
        function: functionName,
        shardId: reader.shardId,
        sequenceNumber: poison.dynamodb?.SequenceNumber,
        attempts: reader.headAttempts,
        error: lastError,
      });
      reader.headAttempts = 0;
      reader.batchLimit = this.mapping.batchSize;
      reader.retryAt = 0;
      return;
    }
    // Bisect on a thrown error; retry from the failed record on a partial failure.
    reader.batchLimit = thrown || failedAt === 0 ? Math.max(1, Math.ceil(retried / 2)) : retried;
    reader.retryAt = Date.now() + Math.min(this.o.retryDelayMs * 2 ** Math.max(0, reader.headAttempts - 1), 2000);
    this.o.log('warn', 'stream batch failed; retrying', {
      function: functionName,
      shardId: reader.shardId,
      attempts: reader.headAttempts,
      nextBatch: reader.batchLimit,
      error: lastError,
    });
  }
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
