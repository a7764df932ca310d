/**
 * The low-stock alerter (docs/alerts.md): an EventBridge rule delivers `LowStockDetected`,
 * `InventoryOversold` and `StockChanged` (wiring `eventRule`); `alerter.ts` opens and resolves
 * alerts, `notify.ts` tells SNS and the admin app. A thrown error makes EventBridge retry the
 * event (then its DLQ); every step is idempotent under that redelivery.
 *
 * Environment: `TABLE_NAME`, `ALERT_TOPIC_ARN` (alertPublish grant), `GRAPHQL_URL` (graphqlIam
 * grant), `AWS_REGION`, optionally `AWS_ENDPOINT_URL_SNS` / `AWS_ENDPOINT_URL_DYNAMODB` (local).
 */
import type { Context } from 'aws-lambda';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger } from '../commons/observability/logger.js';
import { tableFromEnv } from '../commons/table-client.js';
import { createAlerter, type AlerterDeps, type AlerterOutcome } from './alerter.js';
import { createLiveAlertSender, createSnsAlertSender, snsClient } from './notify.js';

/** The alerter's dependencies from the wired environment. */
export function alerterDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AlerterDeps {
  const topicArn = env['ALERT_TOPIC_ARN'];
  if (!topicArn) throw new Error('ALERT_TOPIC_ARN is not set: the function needs an alertPublish grant in build/wiring.ts');
  const graphqlUrl = env['GRAPHQL_URL'];
  if (!graphqlUrl) throw new Error('GRAPHQL_URL is not set: the function needs a graphqlIam grant in build/wiring.ts');
  return {
    store: tableFromEnv(env),
    sendSns: createSnsAlertSender(snsClient(env), topicArn),
    sendLive: createLiveAlertSender({ graphqlUrl, region: env['AWS_REGION'] ?? 'us-east-1' }),
    log: functionLogger('low-stock-alerter'),
  };
}

export const handler = instrumented(
  async (event: { 'detail-type'?: unknown; detail?: unknown }, _context?: Context): Promise<AlerterOutcome> =>
    createAlerter(alerterDepsFromEnv()).handle(event),
);
