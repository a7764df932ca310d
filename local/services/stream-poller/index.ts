/**
 * Local event source mapping for DynamoDB Streams: polls DynamoDB Local's stream of each wired
 * table and invokes every function whose trigger is `{kind:'dynamodbStream', table, batchSize}`
 * with an AWS-shaped `DynamoDBStreamEvent`, the way Lambda's poller does.
 *
 *   const poller = await startStreamPoller({ endpoint, stage, tableName, invoke: functions.invoke });
 *   ...                      // every write after start() resolved is delivered
 *   poller.wake();           // poll now (after a write) instead of after the idle pause
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
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { resourceName, wiring as defaultWiring, type Wiring } from '../../../build/wiring.js';
import { createDynamoClient, LOCAL_CREDENTIALS, LOCAL_REGION } from '../dynamodb-local.js';
import { createLocalDlq } from '../dlq.js';
import { Checkpoints } from './checkpoints.js';
import { MappingPoller } from './mapping-poller.js';
import type { Counters } from './shard-reader.js';
import type { PollerLogger, StreamMapping, StreamPoller, StreamPollerOptions } from './types.js';

export { firstFailedIndex, toLambdaAttributeValue, toLambdaRecord } from './records.js';
export type { PollerLogger, StreamMapping, StreamPoller, StreamPollerOptions, StreamPollerStats } from './types.js';

const defaultLog: PollerLogger = (level, message, fields) => {
  if (level === 'info') return;
  console.error(JSON.stringify({ level: level.toUpperCase(), source: 'stream-poller', message, ...fields }));
};

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
    if (options.mappings === undefined && !table?.stream)
      throw new Error(`function "${m.functionName}" streams from table "${m.table}", which has no stream in the wiring`);
    if (!Number.isInteger(m.batchSize) || m.batchSize < 1 || m.batchSize > 10000)
      throw new Error(`function "${m.functionName}": batchSize must be 1..10000`);
  }
  const tableName = options.tableName ?? ((logical: string) => resourceName(options.stage, logical));
  const region = options.region ?? LOCAL_REGION;
  const ddb = createDynamoClient(options.endpoint, { maxAttempts: 3 });
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 3,
  });
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
    wake() {
      for (const p of pollers) p.wake();
    },
    async drain({ timeoutMs = 15_000 } = {}) {
      const e = ++epoch;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (stopping) throw new Error('stream poller is stopped');
        if (pollers.every((p) => p.quiescent(e))) return;
        if (Date.now() > deadline)
          throw new Error(`stream poller did not drain within ${timeoutMs} ms: ${JSON.stringify(pollers.map((p) => p.describe()))}`);
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
