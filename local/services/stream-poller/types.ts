/** The options, mapping and result shapes of the local stream poller. */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Wiring } from '../../../build/wiring.js';
import type { LocalDlq } from '../dlq.js';

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
  /**
   * Polls every shard now rather than after the idle pause: the local server calls it when a
   * resolver's write completes, so a change reaches its stream functions without waiting out
   * `pollIntervalMs` (a local latency aid; Lambda's own poller has its own latency).
   */
  wake(): void;
  /** Stops polling after the batches in flight; idempotent. */
  stop(): Promise<void>;
  readonly dlq: LocalDlq;
  stats(): StreamPollerStats;
}
