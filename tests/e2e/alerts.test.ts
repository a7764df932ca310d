/**
 * Low-stock alerts and the inventory browse index end to end over HTTP on DynamoDB Local, as
 * `npm start` wires them: a mutation writes, the change stream feeds the event publisher, the
 * local bus delivers LowStockDetected / InventoryOversold / StockChanged to the low-stock alerter,
 * which stores the alert and publishes it to the local SNS server; the admin reads it back with
 * `alerts`. The stream processor's inventory-index consumer keeps the browse index that
 * `inventoryItems` reads. Nothing here writes an alert or an index entry itself.
 */
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/event-publisher/domain-events.js';
import { alertGuardKey, alertKey } from '../../model/alerts.js';
import { inventoryKey } from '../../model/keys.js';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { RealtimeTestClient } from '../local/server/realtime/support/protocol-client.js';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';

let api: TestApi;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  // No timed schedules: the safety net runs when a test says so.
  api = await startTestApi({ schedules: false });
  doc = DynamoDBDocumentClient.from(createDynamoClient(api.s.dynamoEndpoint));
});
afterAll(async () => {
  doc?.destroy();
  await api?.stop();
});

type Alert = {
  id: string;
  type: string;
  productId: string;
  warehouseId: string;
  available: number;
  onHand: number;
  threshold: number;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
};
type Item = { productId: string; warehouseId: string; status: string; category: string | null; sequence: number };

const ALERT_FIELDS = 'id type productId warehouseId available onHand threshold status createdAt resolvedAt';
const ALERTS = `query($status: AlertStatus, $limit: Int, $nextToken: String) {
  alerts(status: $status, limit: $limit, nextToken: $nextToken) { items { ${ALERT_FIELDS} } nextToken }
}`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`;
const INVENTORY_ITEMS = `query($category: String, $warehouseId: ID, $status: StockStatus, $limit: Int, $nextToken: String) {
  inventoryItems(category: $category, warehouseId: $warehouseId, status: $status, limit: $limit, nextToken: $nextToken) {
    items { productId warehouseId status category sequence } nextToken
  }
}`;
const SET_STOCK = 'mutation($input: SetStockInput!) { setStock(input: $input) { sequence } }';
const RECEIVE = 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { available } }';
const RESERVE = 'mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id } }';

async function ok<T>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await api.gql<T>(caller, query, variables);
  expect(r.body.errors).toBeUndefined();
  return r.body.data as T;
}

const setStock = (productId: string, warehouseId: string, onHand: number, threshold: number) =>
  ok(api.admin, SET_STOCK, { input: { productId, warehouseId, onHand, threshold } });
const reserve = (requestId: string, productId: string, warehouseId: string, quantity: number) =>
  ok(api.admin, RESERVE, { input: { requestId, lines: [{ productId, warehouseId, quantity }] } });

/** Every change so far through the stream, the bus and the alerter (whose writes stream again). */
async function settle(): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await api.s.drainStreams();
    await api.s.eventBridge.bus.drain();
  }
}

async function allAlerts(status?: string): Promise<Alert[]> {
  const out: Alert[] = [];
  let nextToken: string | null = null;
  do {
    const page: { alerts: { items: Alert[]; nextToken: string | null } } = await ok(api.admin, ALERTS, { status, limit: 2, nextToken });
    out.push(...page.alerts.items);
    nextToken = page.alerts.nextToken;
  } while (nextToken);
  return out;
}

const alertsOf = async (productId: string, status?: string) => (await allAlerts(status)).filter((a) => a.productId === productId);

const snsMessagesOf = (alertId: string) =>
  api.s.sns.store.messages().filter((m) => (JSON.parse(m.message) as { alertId?: string }).alertId === alertId);

describe('low-stock alerts: stream → publisher → bus → alerter → SNS, read with alerts', () => {
  let opened: Alert;

  it('opens one LOW_STOCK alert when available falls to the threshold, publishes it to SNS with type and warehouseId', async () => {
    await setStock('al-1', 'wh-al', 10, 3);
    await reserve('al-req-1', 'al-1', 'wh-al', 8);
    await settle();

    const alerts = await alertsOf('al-1');
    expect(alerts).toHaveLength(1);
    opened = alerts[0]!;
    expect(opened).toMatchObject({ type: 'LOW_STOCK', warehouseId: 'wh-al', available: 2, onHand: 10, threshold: 3, status: 'OPEN' });
    expect(opened.resolvedAt).toBeNull();
    expect((await alertsOf('al-1', 'OPEN')).map((a) => a.id)).toEqual([opened.id]);

    const messages = snsMessagesOf(opened.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.messageAttributes).toMatchObject({
      type: { DataType: 'String', StringValue: 'LOW_STOCK' },
      warehouseId: { DataType: 'String', StringValue: 'wh-al' },
    });
    expect(JSON.parse(messages[0]!.message)).toMatchObject({ alertId: opened.id, productId: 'al-1', type: 'LOW_STOCK' });
  }, 60_000);

  it('a redelivered LowStockDetected yields the same single alert and no second SNS message', async () => {
    const event = api.s.eventBridge.bus
      .events()
      .map((e) => e.detail as DomainEvent)
      .find((e) => e.type === 'LowStockDetected' && (e.data as { productId?: string }).productId === 'al-1');
    expect(event).toBeDefined();
    const entry = {
      Source: event!.source,
      DetailType: event!.type,
      Detail: JSON.stringify(event),
      EventBusName: `stockroom-${api.s.stage}-bus`,
    };
    const result = api.s.eventBridge.bus.putEvents({ Entries: [entry, entry] });
    expect(result.FailedEntryCount).toBe(0);
    await settle();
    expect((await alertsOf('al-1')).map((a) => a.id)).toEqual([opened.id]);
    expect(snsMessagesOf(opened.id)).toHaveLength(1);
  }, 60_000);

  it('falling further while the alert is live opens no second one (not even OVERSOLD)', async () => {
    await setStock('al-1', 'wh-al', 5, 3); // available 5 - 8 reserved = -3
    await settle();
    expect((await alertsOf('al-1')).map((a) => a.id)).toEqual([opened.id]);
  }, 60_000);

  it('acknowledges an OPEN alert once; a second acknowledge is InvalidTransition, an unknown id NotFound', async () => {
    const acked = await ok<{ acknowledgeAlert: Alert }>(api.admin, ACKNOWLEDGE, { id: opened.id });
    expect(acked.acknowledgeAlert).toMatchObject({ id: opened.id, status: 'ACKNOWLEDGED' });
    expect((await alertsOf('al-1', 'ACKNOWLEDGED')).map((a) => a.id)).toEqual([opened.id]);
    expect(await alertsOf('al-1', 'OPEN')).toEqual([]);

    const cases: [string, string][] = [
      [opened.id, 'InvalidTransition'],
      [`alr_${'0'.repeat(32)}`, 'NotFound'],
      ['not-an-alert', 'ValidationError'],
    ];
    for (const [id, errorType] of cases) {
      const r = await api.gql(api.admin, ACKNOWLEDGE, { id });
      expect(r.body.errors?.map((e) => e.errorType)).toEqual([errorType]);
    }
  }, 60_000);

  it('resolves by itself when a stock change shows available above the threshold', async () => {
    await ok(api.admin, RECEIVE, { input: { productId: 'al-1', warehouseId: 'wh-al', quantity: 20 } }); // 25 - 8 = 17
    await settle();
    const [resolved] = await alertsOf('al-1', 'RESOLVED');
    expect(resolved).toMatchObject({ id: opened.id, status: 'RESOLVED' });
    expect(Date.parse(resolved!.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(opened.createdAt));
    expect(await alertsOf('al-1', 'ACKNOWLEDGED')).toEqual([]);
  }, 60_000);

  it('after resolution, the next fall opens a new alert; a fall below zero from above opens OVERSOLD', async () => {
    await reserve('al-req-2', 'al-1', 'wh-al', 15); // 17 - 15 = 2
    await setStock('al-2', 'wh-al', 10, 2);
    await reserve('al-req-3', 'al-2', 'wh-al', 6); // 4 > 2: no alert
    await setStock('al-2', 'wh-al', 4, 2); // 4 - 6 = -2
    await settle();
    const al1 = await alertsOf('al-1');
    expect(al1.map((a) => [a.type, a.status])).toEqual([
      ['LOW_STOCK', 'OPEN'],
      ['LOW_STOCK', 'RESOLVED'],
    ]);
    // Newest first across all alerts.
    const all = await allAlerts();
    const times = all.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await alertsOf('al-2')).map((a) => [a.type, a.status, a.available])).toEqual([['OVERSOLD', 'OPEN', -2]]);
  }, 60_000);

  it('the safety net opens an alert for an item at or below its threshold that has none, and only once', async () => {
    await setStock('al-3', 'wh-al', 1, 4);
    await settle();
    const [lost] = await alertsOf('al-3');
    expect(lost).toBeDefined();
    // As if the alert's event had ended in the DLQ: the item is low and has no live alert.
    await doc.send(new DeleteCommand({ TableName: api.s.tableName, Key: alertKey(lost!.id) }));
    await doc.send(new DeleteCommand({ TableName: api.s.tableName, Key: alertGuardKey('al-3', 'wh-al') }));
    expect(await alertsOf('al-3')).toEqual([]);

    const reports = await Promise.all([api.s.runFunction('low-stock-safety-net'), api.s.runFunction('low-stock-safety-net')]);
    expect(reports.map((r) => (r as { opened: number }).opened).reduce((a, b) => a + b, 0)).toBe(1);
    const found = await alertsOf('al-3');
    expect(found.map((a) => [a.type, a.status, a.available, a.threshold])).toEqual([['LOW_STOCK', 'OPEN', 1, 4]]);
    expect(snsMessagesOf(found[0]!.id)).toHaveLength(1);
    // Items that already have a live alert (al-1, al-2) got none.
    expect(await alertsOf('al-1', 'OPEN')).toHaveLength(1);
    expect(await alertsOf('al-2', 'OPEN')).toHaveLength(1);
  }, 60_000);
});

describe('inventoryItems: the browse index kept by the stream processor', () => {
  // wh-b1: b-1..b-4 IN_STOCK (b-1, b-2 "tools"), b-5, b-6 LOW_STOCK (b-5 "tools"), b-7 OUT_OF_STOCK; wh-b2: b-1 LOW_STOCK ("tools").
  const stock: [string, string, number, number][] = [
    ['b-1', 'wh-b1', 10, 2],
    ['b-2', 'wh-b1', 10, 2],
    ['b-3', 'wh-b1', 10, 2],
    ['b-4', 'wh-b1', 10, 2],
    ['b-5', 'wh-b1', 2, 2],
    ['b-6', 'wh-b1', 1, 2],
    ['b-7', 'wh-b1', 0, 2],
    ['b-1', 'wh-b2', 1, 2],
  ];
  const tools = ['b-1|wh-b1', 'b-2|wh-b1', 'b-5|wh-b1', 'b-1|wh-b2'];

  async function browse(filters: Record<string, string>, limit = 2): Promise<{ items: Item[]; pages: number }> {
    const items: Item[] = [];
    let pages = 0;
    let nextToken: string | null = null;
    do {
      const page: { inventoryItems: { items: Item[]; nextToken: string | null } } = await ok(api.admin, INVENTORY_ITEMS, {
        ...filters,
        limit,
        nextToken,
      });
      expect(page.inventoryItems.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.inventoryItems.items);
      nextToken = page.inventoryItems.nextToken;
      pages += 1;
    } while (nextToken);
    return { items, pages };
  }

  const ids = (items: Item[]) => items.filter((i) => i.productId.startsWith('b-')).map((i) => `${i.productId}|${i.warehouseId}`);

  beforeAll(async () => {
    for (const [p, w, onHand, threshold] of stock) await setStock(p, w, onHand, threshold);
    await settle();
    // The catalog writes `category` on inventory items; here the test writes it the same way.
    for (const key of tools) {
      const [p, w] = key.split('|') as [string, string];
      await doc.send(
        new UpdateCommand({
          TableName: api.s.tableName,
          Key: inventoryKey(p, w),
          UpdateExpression: 'SET category = :c',
          ExpressionAttributeValues: { ':c': 'tools' },
        }),
      );
    }
    await settle();
  }, 120_000);

  it.each([
    [{}, ['b-1|wh-b1', 'b-1|wh-b2', 'b-2|wh-b1', 'b-3|wh-b1', 'b-4|wh-b1', 'b-5|wh-b1', 'b-6|wh-b1', 'b-7|wh-b1']],
    [{ warehouseId: 'wh-b1' }, ['b-1|wh-b1', 'b-2|wh-b1', 'b-3|wh-b1', 'b-4|wh-b1', 'b-5|wh-b1', 'b-6|wh-b1', 'b-7|wh-b1']],
    [{ warehouseId: 'wh-b1', status: 'LOW_STOCK' }, ['b-5|wh-b1', 'b-6|wh-b1']],
    [{ status: 'LOW_STOCK' }, ['b-1|wh-b2', 'b-5|wh-b1', 'b-6|wh-b1']],
    [{ status: 'OUT_OF_STOCK' }, ['b-7|wh-b1']],
    [{ category: 'tools' }, tools],
    [{ category: 'tools', status: 'IN_STOCK' }, ['b-1|wh-b1', 'b-2|wh-b1']],
    [{ category: 'tools', status: 'LOW_STOCK', warehouseId: 'wh-b1' }, ['b-5|wh-b1']],
    [{ category: 'tools', warehouseId: 'wh-b2' }, ['b-1|wh-b2']],
    [{ category: 'uncategorized', warehouseId: 'wh-b1' }, ['b-3|wh-b1', 'b-4|wh-b1', 'b-6|wh-b1', 'b-7|wh-b1']],
    [{ category: 'none-such' }, []],
  ])('%j lists exactly its items across pages of 2', async (filters, expected) => {
    const { items } = await browse(filters);
    expect(ids(items).sort()).toEqual([...expected].sort());
    // Every page's item is listed once, and matches the filters.
    expect(new Set(items.map((i) => `${i.productId}|${i.warehouseId}`)).size).toBe(items.length);
    const f = filters as { status?: string; warehouseId?: string; category?: string };
    for (const item of items) {
      if (f.status) expect(item.status).toBe(f.status);
      if (f.warehouseId) expect(item.warehouseId).toBe(f.warehouseId);
      if (f.category) expect(item.category ?? 'uncategorized').toBe(f.category);
    }
  });

  it('pages over more than one page with a correct nextToken, and a foreign token is a ValidationError', async () => {
    const { pages } = await browse({ warehouseId: 'wh-b1' }, 3);
    expect(pages).toBeGreaterThan(2);
    const first = await ok<{ inventoryItems: { nextToken: string } }>(api.admin, INVENTORY_ITEMS, { warehouseId: 'wh-b1', limit: 1 });
    const r = await api.gql(api.admin, INVENTORY_ITEMS, { status: 'IN_STOCK', limit: 1, nextToken: `${first.inventoryItems.nextToken}x` });
    expect(r.body.errors?.map((e) => e.errorType)).toEqual(['ValidationError']);
  });

  it('follows stock movements and category changes; its own writes are no stock movements', async () => {
    const before = await ok<{ stockLevel: { sequence: number } }>(
      api.admin,
      'query { stockLevel(productId: "b-3", warehouseId: "wh-b1") { sequence } }',
    );
    await doc.send(
      new UpdateCommand({
        TableName: api.s.tableName,
        Key: inventoryKey('b-3', 'wh-b1'),
        UpdateExpression: 'SET category = :c',
        ExpressionAttributeValues: { ':c': 'garden' },
      }),
    );
    await reserve('b-req-1', 'b-4', 'wh-b1', 9); // b-4 → LOW_STOCK
    await settle();
    expect(ids((await browse({ category: 'garden' })).items)).toEqual(['b-3|wh-b1']);
    expect(ids((await browse({ warehouseId: 'wh-b1', status: 'LOW_STOCK' })).items).sort()).toEqual([
      'b-4|wh-b1',
      'b-5|wh-b1',
      'b-6|wh-b1',
    ]);
    // The category write and the index writes moved nothing: same sequence, no ledger row, no StockChanged.
    const after = await ok<{ stockLevel: { sequence: number } }>(
      api.admin,
      'query { stockLevel(productId: "b-3", warehouseId: "wh-b1") { sequence } }',
    );
    expect(after.stockLevel.sequence).toBe(before.stockLevel.sequence);
    const ledger = await ok<{ stockLedger: { items: unknown[] } }>(
      api.admin,
      'query { stockLedger(productId: "b-3", warehouseId: "wh-b1") { items { sequence } } }',
    );
    expect(ledger.stockLedger.items).toHaveLength(before.stockLevel.sequence);
    const changes = api.s.eventBridge.bus
      .events()
      .map((e) => e.detail as DomainEvent)
      .filter((e) => e.type === 'StockChanged' && (e.data as { productId?: string }).productId === 'b-3');
    expect(changes).toHaveLength(before.stockLevel.sequence);
  }, 60_000);
});

describe('authorization: only admins read alerts and inventoryItems', () => {
  it.each([
    ['alerts', 'query { alerts { items { id } } }'],
    ['inventoryItems', 'query { inventoryItems { items { productId } } }'],
    ['acknowledgeAlert', `mutation { acknowledgeAlert(id: "alr_${'0'.repeat(32)}") { id } }`],
  ])('%s is Unauthorized for the storefront key, a partner, a non-admin user and IAM', async (_field, query) => {
    const partner = await api.createPartnerKey(`pa-${_field}`);
    for (const caller of [api.apiKey, api.partner(partner.secret), api.user, api.iam]) {
      const r = await api.gql(caller, query);
      expect(r.body.data ?? null, caller.name).toBeNull();
      expect(
        r.body.errors?.map((e) => e.errorType),
        caller.name,
      ).toEqual(['Unauthorized']);
    }
  });
});

describe("onLowStock: the admin app's live list, fed by the alerter through publishAlert", () => {
  const ON_LOW_STOCK = `subscription { onLowStock { ${ALERT_FIELDS} } }`;

  it('an admin subscriber receives the alert the alerter opens; the storefront key cannot subscribe', async () => {
    const host = new URL(api.s.graphqlUrl).host;
    const admin = await RealtimeTestClient.open(api.s.realtimeUrl, { host, Authorization: api.s.adminToken });
    const shopper = await RealtimeTestClient.open(api.s.realtimeUrl, { host, 'x-api-key': api.s.apiKey });
    try {
      expect((await admin.init()).type).toBe('connection_ack');
      expect((await shopper.init()).type).toBe('connection_ack');
      expect(await admin.start('a', ON_LOW_STOCK, {}, { host, Authorization: api.s.adminToken })).toMatchObject({ type: 'start_ack' });
      const refused = await shopper.start('s', ON_LOW_STOCK, {}, { host, 'x-api-key': api.s.apiKey });
      expect(refused.type).toBe('error');
      expect(refused.payload?.errors?.[0]?.errorType).toBe('Unauthorized');

      await setStock('al-live', 'wh-al', 1, 5);
      await settle();
      const frame = await admin.next((f) => f.type === 'data' && JSON.stringify(f.payload).includes('"al-live"'), 30_000);
      const [stored] = await alertsOf('al-live');
      expect((frame.payload?.data as { onLowStock: Alert }).onLowStock).toEqual(stored);
    } finally {
      admin.close();
      shopper.close();
    }
  }, 60_000);
});
