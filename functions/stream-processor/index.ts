/**
 * Consumer of the main table's change stream (wiring: `dynamodbStream` on `main`). Each record
 * goes to every consumer that handles it (today: the ledger writer). Records of one item are
 * processed in order; different items in parallel. A failed record is reported as a partial
 * batch failure (`itemIdentifier` = its sequence number) together with the later records of the
 * same item, so Lambda retries from there and one bad record does not replay the batch forever.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { parseStreamRecord, rawSequenceNumber, type ParsedStreamRecord } from '../commons/stream-records.js';
import { tableFromEnv } from '../commons/table-client.js';
import { ledgerConsumer } from './consumers/ledger.js';
import { inventoryIndexConsumer } from './consumers/inventory-index.js';
import { productCategoryConsumer } from './consumers/product-category.js';
import type { ConsumerDeps, RecordConsumer } from './consumers/types.js';

export const DEFAULT_CONSUMERS: readonly RecordConsumer[] = [ledgerConsumer, productCategoryConsumer, inventoryIndexConsumer];
/** Items processed at once within a batch (records of one item are always sequential). */
const ITEM_CONCURRENCY = 16;

export interface StreamProcessorDeps extends Omit<ConsumerDeps, 'log'> {
  readonly consumers?: readonly RecordConsumer[];
  readonly log?: FunctionLogger;
}

type Slot = { index: number; raw: unknown; parsed?: ParsedStreamRecord; error?: unknown };

export function createStreamProcessor(deps: StreamProcessorDeps): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  const consumers = deps.consumers ?? DEFAULT_CONSUMERS;
  const log = deps.log ?? functionLogger('stream-processor');
  const consumerDeps: ConsumerDeps = { doc: deps.doc, tableName: deps.tableName, log };

  return async (event) => {
    const rawRecords: unknown[] = event && Array.isArray(event.Records) ? event.Records : [];
    const failed = new Set<number>();
    // Group by item key, keeping stream order inside each group.
    const groups = new Map<string, Slot[]>();
    rawRecords.forEach((raw, index) => {
      const slot: Slot = { index, raw };
      try {
        slot.parsed = parseStreamRecord(raw);
      } catch (error) {
        slot.error = error;
      }
      const key = slot.parsed ? `${String(slot.parsed.keys['pk'])}\u0000${String(slot.parsed.keys['sk'])}` : `malformed#${index}`;
      const group = groups.get(key) ?? [];
      group.push(slot);
      groups.set(key, group);
    });

    const runGroup = async (slots: Slot[]): Promise<void> => {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as Slot;
        try {
          if (slot.error !== undefined || !slot.parsed) throw slot.error;
          for (const consumer of consumers) {
            if (consumer.handles(slot.parsed)) await consumer.consume(slot.parsed, consumerDeps);
          }
        } catch (error) {
          log.error('stream record failed', { sequenceNumber: rawSequenceNumber(slot.raw), index: slot.index, error });
          // This record and every later one of the same item: their order matters.
          for (const rest of slots.slice(i)) failed.add(rest.index);
          return;
        }
      }
    };

    const queue = [...groups.values()];
    await Promise.all(
      Array.from({ length: Math.min(ITEM_CONCURRENCY, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runGroup(next);
      }),
    );

    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const index of [...failed].sort((a, b) => a - b)) {
      const sequenceNumber = rawSequenceNumber(rawRecords[index]);
      // Without a sequence number the record cannot be named: fail the whole batch instead.
      if (!sequenceNumber) throw new Error(`stream record ${index} has no SequenceNumber and failed`);
      batchItemFailures.push({ itemIdentifier: sequenceNumber });
    }
    if (batchItemFailures.length > 0) log.warn('partial batch failure', { failed: batchItemFailures.length, of: rawRecords.length });
    return { batchItemFailures };
  };
}

export const handler = instrumented(async (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> =>
  createStreamProcessor(tableFromEnv())(event),
);
