/**
 * The receipts worker (docs/events.md): behind an EventBridge rule for `OrderCreated`, it stores
 * one receipt per order with a put conditional on the receipt's key being free. EventBridge
 * delivers at least once, so a redelivered (or replayed) `OrderCreated` finds the receipt there
 * and changes nothing: the conditional check failing is the success of an earlier delivery. The
 * receipt's INSERT on the change stream is what the event publisher turns into
 * `ReceiptGenerated`, so that event, too, happens once per order.
 *
 * Environment: `TABLE_NAME` (a `tableItems` grant: PutItem on `RECEIPT#` items only),
 * `AWS_REGION`, optionally `AWS_ENDPOINT_URL_DYNAMODB` (local).
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { isAwsError, tableFromEnv } from '../commons/table-client.js';
import { orderCreatedFacts, receiptItem } from './receipt.js';

export interface ReceiptsDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now?: () => Date;
  readonly log?: FunctionLogger;
}

/** `stored: false` when an earlier delivery of the same order's event stored it already. */
export interface ReceiptOutcome {
  readonly stored: boolean;
  readonly receiptId: string;
}

export function createReceiptsWorker(deps: ReceiptsDeps): (event: unknown) => Promise<ReceiptOutcome> {
  const log = deps.log ?? functionLogger('receipts');
  const now = deps.now ?? (() => new Date());
  return async (event) => {
    const facts = orderCreatedFacts(event);
    const item = receiptItem(facts, now());
    try {
      await deps.doc.send(new PutCommand({ TableName: deps.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      log.info('receipt already stored (redelivery)', { orderId: facts.orderId, eventId: facts.eventId });
      return { stored: false, receiptId: item.id };
    }
    log.debug('receipt stored', { orderId: facts.orderId, receiptId: item.id, eventId: facts.eventId });
    return { stored: true, receiptId: item.id };
  };
}

export const handler = instrumented(async (event: unknown, _context?: Context): Promise<ReceiptOutcome> => {
  const { doc, tableName } = tableFromEnv(process.env);
  return createReceiptsWorker({ doc, tableName })(event);
});
