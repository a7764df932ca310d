/**
 * Where an opened alert goes: the SNS alert topic (message attributes `type` and `warehouseId` so
 * subscriptions can filter; the alert id in the message, since SNS delivers at least once and
 * subscribers deduplicate on it) and the admin app's live list through the IAM-only `publishAlert`
 * (`functions/commons/appsync-iam-caller.ts`, the same signed call as publishStockChange).
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertInput } from '../../resolvers/generated/graphql.js';
import type { AlertRecord } from '../../model/alerts.js';
import { createIamGraphqlCaller, type PublisherOptions } from '../commons/appsync-iam-caller.js';

export const PUBLISH_ALERT = `mutation PublishAlert($input: AlertInput!) {
  publishAlert(input: $input) { id type productId warehouseId available onHand threshold status createdAt resolvedAt }
}`;

export type SendAlert = (alert: AlertRecord) => Promise<void>;

export function alertInputOf(alert: AlertRecord): AlertInput {
  return {
    id: alert.id,
    type: alert.type,
    productId: alert.productId,
    warehouseId: alert.warehouseId,
    available: alert.available,
    onHand: alert.onHand,
    threshold: alert.threshold,
    status: alert.status,
    createdAt: alert.createdAt,
    resolvedAt: alert.resolvedAt,
  };
}

/** The SNS message body: the alert as the API shows it, `alertId` for deduplication. */
export function alertMessage(alert: AlertRecord): string {
  return JSON.stringify({ alertId: alert.id, ...alertInputOf(alert) });
}

export function createSnsAlertSender(client: SNSClient, topicArn: string): SendAlert {
  return async (alert) => {
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `${alert.type} ${alert.productId}/${alert.warehouseId}`,
        Message: alertMessage(alert),
        MessageAttributes: {
          type: { DataType: 'String', StringValue: alert.type },
          warehouseId: { DataType: 'String', StringValue: alert.warehouseId },
        },
      }),
    );
  };
}

export function createLiveAlertSender(options: PublisherOptions): SendAlert {
  const call = createIamGraphqlCaller(options);
  return async (alert) => {
    await call('publishAlert', PUBLISH_ALERT, { input: alertInputOf(alert) });
  };
}

const clients = new Map<string, SNSClient>();

/** One client per (region, endpoint), reused across invocations like a warm container. */
export function snsClient(env: NodeJS.ProcessEnv = process.env): SNSClient {
  const region = env['AWS_REGION'] ?? 'us-east-1';
  const endpoint = env['AWS_ENDPOINT_URL_SNS'] || undefined;
  const key = `${region}|${endpoint ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new SNSClient({ region, endpoint });
    clients.set(key, client);
  }
  return client;
}
