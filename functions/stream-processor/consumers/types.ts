import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ParsedStreamRecord } from '../../commons/stream-records.js';
import type { FunctionLogger } from '../../commons/observability/logger.js';

export interface ConsumerDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly log: FunctionLogger;
}

/**
 * One thing the stream processor does with change records (the ledger today; domain events to
 * EventBridge later). `consume` must be idempotent: a failed batch is retried from its first
 * failed record, so records can be seen twice.
 */
export interface RecordConsumer {
  readonly name: string;
  /** Cheap filter on the record; a consumer never sees records it does not handle. */
  handles(record: ParsedStreamRecord): boolean;
  consume(record: ParsedStreamRecord, deps: ConsumerDeps): Promise<void>;
}
