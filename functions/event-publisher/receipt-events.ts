/**
 * The receipt events of a change-stream record (docs/events.md): a receipt's INSERT (the receipts
 * worker's conditional put succeeded: the first and only receipt of its order) is
 * `ReceiptGenerated`. A receipt is never rewritten, so nothing else publishes.
 */
import { RecordShapeError } from '../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';
import { eventIdFor, occurredAt, SCHEMA_VERSION, type DomainEvent } from './domain-events.js';

export type ReceiptEventType = 'ReceiptGenerated';

function text(image: Record<string, unknown>, field: string): string {
  const v = image[field];
  if (typeof v !== 'string' || v === '')
    throw new RecordShapeError(`Receipt.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

export function receiptEvents(record: ParsedStreamRecord): DomainEvent[] {
  if (record.eventName !== 'INSERT' || !record.newImage) return [];
  const image = record.newImage;
  const total = image['total'];
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0)
    throw new RecordShapeError(`Receipt.total must be a non-negative integer, got ${JSON.stringify(total)}`);
  const generatedAt = occurredAt(record, image['generatedAt'] as string | undefined);
  return [
    {
      eventId: eventIdFor(record.eventId, 'ReceiptGenerated'),
      type: 'ReceiptGenerated',
      version: SCHEMA_VERSION,
      occurredAt: generatedAt,
      source: 'stockroom.receipts',
      data: {
        receiptId: text(image, 'id'),
        orderId: text(image, 'orderId'),
        customerId: text(image, 'customerId'),
        currency: text(image, 'currency'),
        total,
        generatedAt,
      },
    },
  ];
}
