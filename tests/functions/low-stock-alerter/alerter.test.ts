/**
 * The alerter's rules on DynamoDB Local, with real concurrent deliveries. SNS and publishAlert are
 * replaced by recording senders here (the e2e suite runs the real SNS client against the local
 * SNS server): that is what lets a test make the first publication fail.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionLogger } from '../../../functions/commons/observability/logger.js';
import { createAlerter } from '../../../functions/low-stock-alerter/alerter.js';
import { loadAlert, loadGuard } from '../../../functions/low-stock-alerter/alert-store.js';
import type { AlertRecord } from '../../../model/alerts.js';
import { createHarness, putStock, type Harness } from '../helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('al');
});
afterAll(async () => {
  await h?.destroy();
});

type Sent = { alert: AlertRecord }[];

function alerter(sns: Sent, options: { failSnsTimes?: number } = {}) {
  let failures = options.failSnsTimes ?? 0;
  return createAlerter({
    store: { doc: h.doc, tableName: h.table },
    sendSns: async (alert) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('SNS unavailable');
      }
      sns.push({ alert });
    },
    log: functionLogger('test'),
  });
}

const event = (type: string, eventId: string, data: Record<string, unknown>) => ({
  'detail-type': type,
  detail: { eventId, type, version: 1, occurredAt: new Date().toISOString(), source: 'stockroom.inventory', data },
});

const counters = (productId: string, available: number, sequence: number) => ({
  productId,
  warehouseId: 'w1',
  available,
  onHand: available,
  reserved: 0,
  threshold: 5,
  sequence,
});

async function alertsOf(productId: string): Promise<AlertRecord[]> {
  const r = await h.doc.send(
    new QueryCommand({
      TableName: h.table,
      IndexName: 'gsi8',
      KeyConditionExpression: 'gsi8pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ALERT#ALL' },
      ConsistentRead: false,
    }),
  );
  return ((r.Items ?? []) as AlertRecord[]).filter((a) => a.productId === productId);
}

describe('functions/low-stock-alerter', () => {
  it('a delivery whose SNS publish failed is republished by the redelivery, and only while unmarked', async () => {
    await putStock(h, { productId: 'f1', warehouseId: 'w1', onHand: 2, threshold: 5 });
    const sns: Sent = [];
    const a = alerter(sns, { failSnsTimes: 1 });
    const low = event('LowStockDetected', 'ev-f1', counters('f1', 2, 1));
    await expect(a.handle(low)).rejects.toThrow('SNS unavailable');
    const [stored] = await alertsOf('f1');
    expect(stored).toMatchObject({ status: 'OPEN', type: 'LOW_STOCK' });
    expect(stored!.snsPublishedAt).toBeUndefined();

    expect(await a.handle(low)).toBe('redelivered');
    expect(await a.handle(low)).toBe('redelivered');
    expect(sns.map((s) => s.alert.id)).toEqual([stored!.id]);
    expect((await loadAlert({ doc: h.doc, tableName: h.table }, stored!.id))!.snsPublishedAt).toEqual(expect.any(String));
  });

  it('concurrent deliveries of one event, and of two different events, open one alert and publish it once', async () => {
    await putStock(h, { productId: 'f2', warehouseId: 'w1', onHand: 0, threshold: 5 });
    const sns: Sent = [];
    const a = alerter(sns);
    const low = event('LowStockDetected', 'ev-f2', counters('f2', 0, 1));
    const oversold = event('InventoryOversold', 'ev-f2-b', counters('f2', -1, 1));
    const outcomes = await Promise.all([low, low, low, low, oversold, oversold].map((e) => a.handle(e)));
    expect(outcomes.filter((o) => o === 'opened')).toHaveLength(1);
    const alerts = await alertsOf('f2');
    expect(alerts).toHaveLength(1);
    expect(sns.map((s) => s.alert.id)).toEqual([alerts[0]!.id]);
    expect(await loadGuard({ doc: h.doc, tableName: h.table }, 'f2', 'w1')).toBe(alerts[0]!.id);
  });

  it('a stock change older than the alert resolves nothing; a newer one above the threshold resolves it and frees the item', async () => {
    await putStock(h, { productId: 'f3', warehouseId: 'w1', onHand: 1, threshold: 5, sequence: 4 });
    const sns: Sent = [];
    const a = alerter(sns);
    expect(await a.handle(event('LowStockDetected', 'ev-f3', counters('f3', 1, 4)))).toBe('opened');
    expect(await a.handle(event('StockChanged', 'ev-f3-old', counters('f3', 9, 3)))).toBe('ignored');
    expect((await alertsOf('f3')).map((x) => x.status)).toEqual(['OPEN']);
    const resolving = event('StockChanged', 'ev-f3-new', counters('f3', 9, 5));
    const outcomes = await Promise.all([a.handle(resolving), a.handle(resolving)]);
    expect(outcomes.sort()).toEqual(['ignored', 'resolved']);
    const [resolved] = await alertsOf('f3');
    expect(resolved).toMatchObject({ status: 'RESOLVED', gsi5pk: 'ALERT#STATUS#RESOLVED' });
    expect(await loadGuard({ doc: h.doc, tableName: h.table }, 'f3', 'w1')).toBeNull();
  });

  it('an event for an item that has already risen above its threshold opens nothing', async () => {
    await putStock(h, { productId: 'f4', warehouseId: 'w1', onHand: 50, threshold: 5, sequence: 2 });
    const sns: Sent = [];
    expect(await alerter(sns).handle(event('LowStockDetected', 'ev-f4', counters('f4', 1, 1)))).toBe('recovered');
    expect(await alertsOf('f4')).toEqual([]);
    expect(sns).toEqual([]);
  });
});
