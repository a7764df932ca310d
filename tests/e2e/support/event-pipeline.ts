/**
 * Shared pieces of the event-pipeline e2e tests: orders created over HTTP, the receipts the
 * worker stored (read behind the API's back), the order and receipt events the local bus
 * accepted, and bus faults that make the publisher die (every PutEvents request answers HTTP
 * 500, so the function throws after the SDK's retries, like a crashed invocation).
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { expect } from 'vitest';
import type { DomainEvent } from '../../../functions/event-publisher/domain-events.js';
import type { EntryFault } from '../../../local/services/eventbridge/bus.js';
import type { Stockroom } from '../../../local/server/start.js';
import { RECEIPT_PREFIX } from '../../../model/receipts.js';

export const CREATE_ORDER = 'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id customerId total } }';

/** Creates one order as the admin; answers its id (throws on a GraphQL error). */
export async function createOrder(s: Stockroom, customerId: string): Promise<string> {
  const res = await fetch(s.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: s.adminToken },
    body: JSON.stringify({
      query: CREATE_ORDER,
      variables: { input: { customerId, currency: 'EUR', items: [{ productId: 'p-pipe', quantity: 2, unitPrice: 1299 }] } },
    }),
  });
  const body = (await res.json()) as { data?: { createOrder: { id: string } }; errors?: unknown[] };
  if (!body.data?.createOrder) throw new Error(`createOrder failed: ${JSON.stringify(body.errors)}`);
  return body.data.createOrder.id;
}

/** Every receipt item of the stage's table, by order id (a list, so a second receipt would show). */
export async function receiptsByOrder(s: Stockroom): Promise<Map<string, Record<string, unknown>[]>> {
  const db = new DynamoDBClient({
    endpoint: s.dynamoEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const out = new Map<string, Record<string, unknown>[]>();
    let start: Record<string, never> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: s.tableName,
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': { S: RECEIPT_PREFIX } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        const orderId = String(item['orderId']);
        out.set(orderId, [...(out.get(orderId) ?? []), item]);
      }
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return out;
  } finally {
    db.destroy();
  }
}

/** The envelopes of one type the bus accepted (every copy: a redelivery shows twice). */
export function busEvents(s: Stockroom, type: string): DomainEvent[] {
  return s.eventBridge.bus
    .events()
    .filter((e) => e['detail-type'] === type)
    .map((e) => e.detail as DomainEvent);
}

export const orderIdOf = (e: DomainEvent): string => String(e.data['orderId']);

/** Waits until the publisher handled every change and the bus delivered every event, twice over
 * (a receipt stored by a delivery is itself a change that the publisher turns into an event). */
export async function settle(s: Stockroom): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await s.drainStreams();
    await s.eventBridge.bus.drain();
  }
}

/** A fault that answers HTTP 500 to every PutEvents request while `down()` is true. */
export function outage(down: () => boolean): EntryFault {
  return (_entry, index) => {
    if (index === 0 && down()) throw new Error('injected: the publisher is down');
    return undefined;
  };
}

/**
 * Each order of `orderIds` has exactly one receipt, matching it and never overwritten, and exactly
 * one ReceiptGenerated event id; each has at least one OrderCreated on the bus, always under one
 * event id.
 */
export function expectExactlyOnceEffects(
  orderIds: readonly string[],
  receipts: Map<string, Record<string, unknown>[]>,
  orderCreated: readonly DomainEvent[],
  receiptGenerated: readonly DomainEvent[],
): void {
  for (const id of orderIds) {
    expect(receipts.get(id), `receipts of ${id}`).toHaveLength(1);
    expect(receipts.get(id)![0]).toMatchObject({ orderId: id, total: 2598, currency: 'EUR' });
    const created = new Set(orderCreated.filter((e) => orderIdOf(e) === id).map((e) => e.eventId));
    expect(created.size, `OrderCreated ids of ${id}`).toBe(1);
    const generated = receiptGenerated.filter((e) => orderIdOf(e) === id);
    expect(new Set(generated.map((e) => e.eventId)).size, `ReceiptGenerated ids of ${id}`).toBe(1);
    // The receipt is still the one its INSERT published: no later delivery overwrote it.
    expect(receipts.get(id)![0]!['generatedAt']).toBe(generated[0]!.data['generatedAt']);
  }
  expect([...receipts.keys()].sort()).toEqual([...orderIds].sort());
}
