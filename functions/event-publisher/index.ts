/**
 * The event publisher (docs/events.md): a consumer of the main table's change stream of its own,
 * beside the ledger writer, so a bus outage never stalls the ledger. Each record becomes its
 * domain events (`domain-events.ts`); the events of the whole batch go to the bus in PutEvents
 * batches, retrying only failed entries (`put-events.ts`). A record whose events could not all be
 * published, or that cannot be read, is reported as a partial batch failure through Powertools'
 * batch utility, so Lambda retries from it and the other records are not blocked.
 *
 * Every stock movement is also pushed live to subscribers through the IAM-only `publishStockChange`
 * mutation, and every order status change through `publishOrderChange`, in stream order per item
 * (`live-pushes.ts`); never through EventBridge, which keeps
 * no order. A failed push fails its record (and the item's later records) like a failed event.
 *
 * Environment: `EVENT_BUS_NAME` (busPut grant), `GRAPHQL_URL` (graphqlIam grant), `AWS_REGION`,
 * optionally `AWS_ENDPOINT_URL_EVENTBRIDGE` (local).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { parseStreamRecord, rawSequenceNumber } from '../commons/stream-records.js';
import { createStockChangePublisher } from '../commons/stock-change-publisher.js';
import { createOrderChangePublisher } from '../commons/order-change-publisher.js';
import { domainEventsFor, type DomainEvent } from './domain-events.js';
import { livePushOf, pushLiveChanges, type LivePush, type PushOrderChange, type PushStockChange } from './live-pushes.js';
import { putDomainEvents, type PutEventsOptions } from './put-events.js';

export interface EventPublisherDeps extends Omit<PutEventsOptions, 'client'> {
  readonly client: EventBridgeClient;
  readonly log?: FunctionLogger;
  /** The live push of a stock change (publishStockChange); without it nothing is pushed. */
  readonly pushStockChange?: PushStockChange;
  /** The live push of an order's status change (publishOrderChange); without it nothing is pushed. */
  readonly pushOrderChange?: PushOrderChange;
}

type Outcome = { readonly events: DomainEvent[]; readonly change?: LivePush } | { readonly error: unknown };

export function createEventPublisher(
  deps: EventPublisherDeps,
): (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse> {
  const log = deps.log ?? functionLogger('event-publisher');
  return async (event, context) => {
    const records: DynamoDBRecord[] = event && Array.isArray(event.Records) ? event.Records : [];
    // Phase 1: every record's events (a record that cannot be read fails alone).
    const outcomes = new Map<DynamoDBRecord, Outcome>();
    for (const record of records) {
      try {
        const parsed = parseStreamRecord(record);
        outcomes.set(record, { events: domainEventsFor(parsed), change: livePushOf(parsed) });
      } catch (error) {
        outcomes.set(record, { error });
      }
    }
    // Phase 2: the batch's events together, so PutEvents carries up to 10 per call.
    const all = [...outcomes.values()].flatMap((o) => ('events' in o ? o.events : []));
    const failedIds = new Set<string>();
    // Live pushes (in stream order per item) run beside the bus publication, never through it.
    const pushes = [...outcomes.entries()].flatMap(([record, o]) => ('events' in o && o.change ? [{ record, push: o.change }] : []));
    const pushers = { stock: deps.pushStockChange, order: deps.pushOrderChange };
    const pushFailures = pushes.length > 0 ? pushLiveChanges(pushes, pushers) : Promise.resolve([]);
    if (all.length > 0) {
      for (const f of await putDomainEvents(all, deps)) {
        failedIds.add(f.event.eventId);
        log.error('event not published', {
          eventId: f.event.eventId,
          type: f.event.type,
          errorCode: f.errorCode,
          errorMessage: f.errorMessage,
        });
      }
    }
    const unpushed = new Map<DynamoDBRecord, unknown>();
    for (const f of await pushFailures) {
      unpushed.set(f.record, f.error);
      log.error('live change not pushed', { sequenceNumber: rawSequenceNumber(f.record), error: f.error });
    }
    // Phase 3: Powertools reports the records whose events did not all make it.
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
      const outcome = outcomes.get(record);
      if (!outcome) throw new Error('record was not seen');
      if ('error' in outcome) {
        log.error('stream record unreadable', { sequenceNumber: rawSequenceNumber(record), error: outcome.error });
        throw outcome.error;
      }
      const missing = outcome.events.filter((e) => failedIds.has(e.eventId));
      if (missing.length > 0) throw new Error(`${missing.length} event(s) of the record were not published`);
      if (unpushed.has(record)) throw new Error('the live change of the record was not pushed');
    };
    const response = await processPartialResponse(event, recordHandler, processor, {
      context: context as Context,
      throwOnFullBatchFailure: false,
    });
    if (response.batchItemFailures.length > 0)
      log.warn('partial batch failure', { failed: response.batchItemFailures.length, of: records.length });
    return { batchItemFailures: response.batchItemFailures.map((f) => ({ itemIdentifier: f.itemIdentifier })) };
  };
}

const clients = new Map<string, EventBridgeClient>();

/** One client per (region, endpoint), reused across invocations like a warm container. */
function eventBridgeClient(env: NodeJS.ProcessEnv): EventBridgeClient {
  const region = env['AWS_REGION'] ?? 'us-east-1';
  const endpoint = env['AWS_ENDPOINT_URL_EVENTBRIDGE'] || undefined;
  const key = `${region}|${endpoint ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new EventBridgeClient({ region, endpoint });
    clients.set(key, client);
  }
  return client;
}

export const handler = instrumented(async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
  const eventBusName = process.env['EVENT_BUS_NAME'];
  if (!eventBusName) throw new Error('EVENT_BUS_NAME is not set: the function needs a busPut grant in build/wiring.ts');
  const graphqlUrl = process.env['GRAPHQL_URL'];
  if (!graphqlUrl) throw new Error('GRAPHQL_URL is not set: the function needs a graphqlIam grant in build/wiring.ts');
  const publisher = { graphqlUrl, region: process.env['AWS_REGION'] ?? 'us-east-1' };
  const pushStockChange = createStockChangePublisher(publisher);
  const pushOrderChange = createOrderChangePublisher(publisher);
  return createEventPublisher({ client: eventBridgeClient(process.env), eventBusName, pushStockChange, pushOrderChange })(event, context);
});
