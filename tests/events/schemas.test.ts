/**
 * The event contracts: every event type of the catalogue has a schema, the examples in
 * docs/events.md are valid against them, and the schemas reject what they should.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, EVENTS_DIR, eventErrors } from './validate.js';

const CATALOGUE = [
  'StockChanged',
  'LowStockDetected',
  'InventoryOversold',
  'InventoryReserved',
  'ReservationReleased',
  'ReservationExpired',
  'ReservationConfirmed',
  'OrderCreated',
  'OrderStatusChanged',
  'ReceiptGenerated',
  'CustomerUpserted',
  'CustomerImportCompleted',
  'ProductUpdated',
];

const docs = readFileSync(join(EVENTS_DIR, '..', 'docs', 'events.md'), 'utf8');
const examples = [...docs.matchAll(/```json\n([\s\S]*?)```/g)]
  .map((m) => JSON.parse(m[1] as string) as Record<string, unknown>)
  .filter((e) => 'eventId' in e);

const stockChanged = examples.find((e) => e['type'] === 'StockChanged') as Record<string, unknown>;
const withData = (patch: Record<string, unknown>): unknown => ({
  ...stockChanged,
  data: { ...(stockChanged['data'] as object), ...patch },
});

describe('event schemas', () => {
  it('exist for every event type of the catalogue, and only for those', () => {
    expect(EVENT_TYPES).toEqual([...CATALOGUE].sort());
  });

  it.each(examples.map((e) => [e['type'], e] as const))('accept the %s example of docs/events.md', (_type, example) => {
    expect(eventErrors(example)).toBeNull();
  });

  it('document an example for most types', () => {
    expect(new Set(examples.map((e) => e['type'])).size).toBeGreaterThanOrEqual(11);
  });

  it.each([
    ['an unknown type', { ...stockChanged, type: 'StockMoved' }],
    ['a missing envelope field', { ...stockChanged, occurredAt: undefined }],
    ['an extra envelope field', { ...stockChanged, extra: 1 }],
    ['a wrong source for the type', { ...stockChanged, source: 'stockroom.orders' }],
    ['a non-ISO occurredAt', { ...stockChanged, occurredAt: 'yesterday' }],
    ['a short eventId', { ...stockChanged, eventId: 'abc' }],
    ['a fractional counter', withData({ onHand: 1.5 })],
    ['an unknown status', withData({ status: 'PLENTY' })],
    ['an unknown reason', withData({ reason: 'STOLEN' })],
    ['an extra data field', withData({ colour: 'red' })],
  ])('reject %s', (_what, event) => {
    expect(eventErrors(JSON.parse(JSON.stringify(event)))).not.toBeNull();
  });
});
