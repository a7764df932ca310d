/** The read state of one shard for one mapping: iterator, fetched records, retries. */
import type { _Record as StreamRecord, ShardIteratorType } from '@aws-sdk/client-dynamodb-streams';

export interface Counters {
  invocations: number;
  recordsDelivered: number;
  failedInvocations: number;
  deadLettered: number;
}

export class ShardReader {
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
