/**
 * The customer CSV ingest (docs/customers.md). Triggered by the ingest bucket's object-created
 * notifications through an SQS queue: each message is one S3 event, processed with Powertools'
 * batch utility so one failing message does not replay the others, and a poison one ends in the
 * queue's DLQ. `s3:TestEvent` messages are acknowledged and ignored.
 *
 * A file too large for one invocation stops near the deadline at a checkpoint; its message is
 * reported as failed, so the queue delivers it again and a fresh invocation resumes the job from
 * the checkpoint (the job record is leased, so a delivery overlapping a live run waits).
 *
 * Environment: `TABLE_NAME`, `INGEST_BUCKET_NAME` (grants), `AWS_REGION`, optionally
 * `CUSTOMER_IMPORT_DEFAULT_COUNTRY` (phone numbers without `+`), `CUSTOMER_IMPORT_LEASE_SECONDS`,
 * `GRAPHQL_URL` (graphqlIam grant: live progress through `publishImportProgress`, progress.ts), and
 * locally `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3`.
 */
import { randomUUID } from 'node:crypto';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { CountryCode } from 'libphonenumber-js';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger } from '../commons/observability/logger.js';
import { s3Client } from '../commons/s3-client.js';
import { tableFromEnv } from '../commons/table-client.js';
import { ingestObject, type IngestOptions } from './ingest-object.js';
import { createImportProgressPublisher } from './progress.js';
import { createdObjectsOf } from './s3-events.js';

/** The job did not finish in this invocation (continued, or leased by another run): deliver again. */
export class ImportNotFinishedError extends Error {
  constructor(importId: string, why: string) {
    super(`import ${importId} ${why}: the message will be delivered again`);
    this.name = 'ImportNotFinishedError';
  }
}

export function createIngestHandler(deps: Omit<IngestOptions, 'remainingMs'>) {
  const log = functionLogger('customer-ingest');
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const recordHandler = async (record: SQSRecord): Promise<void> => {
      try {
        await ingestRecord(record);
      } catch (error) {
        if (!(error instanceof ImportNotFinishedError)) log.error('message failed', { messageId: record.messageId, error });
        throw error;
      }
    };
    const ingestRecord = async (record: SQSRecord): Promise<void> => {
      for (const object of createdObjectsOf(record.body)) {
        const outcome = await ingestObject(object, {
          ...deps,
          remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
        });
        log.info('object ingested', { key: object.key, outcome: outcome.kind, importId: 'job' in outcome ? outcome.job.id : undefined });
        if (outcome.kind === 'continue') throw new ImportNotFinishedError(outcome.job.id, 'continues from its checkpoint');
        if (outcome.kind === 'busy') throw new ImportNotFinishedError(outcome.importId, 'is being run by another invocation');
      }
    };
    const response = await processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), {
      context: context as Context,
      throwOnFullBatchFailure: false,
    });
    return { batchItemFailures: response.batchItemFailures.map((f) => ({ itemIdentifier: f.itemIdentifier })) };
  };
}

export const handler = instrumented(async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  const { doc, tableName } = tableFromEnv();
  const leaseSeconds = Number(process.env['CUSTOMER_IMPORT_LEASE_SECONDS'] ?? '60');
  const log = functionLogger('customer-ingest');
  const graphqlUrl = process.env['GRAPHQL_URL'];
  return createIngestHandler({
    doc,
    tableName,
    s3: s3Client(),
    owner: context?.awsRequestId ?? randomUUID(),
    leaseMs: leaseSeconds * 1000,
    defaultCountry: (process.env['CUSTOMER_IMPORT_DEFAULT_COUNTRY'] || undefined) as CountryCode | undefined,
    ...(graphqlUrl ? { onProgress: createImportProgressPublisher({ graphqlUrl, region: process.env['AWS_REGION'] ?? 'us-east-1' }) } : {}),
    log: (message, error) => log.warn(message, { error }),
  })(event, context);
});
