/**
 * Customer domain events from the change stream (docs/customers.md): a customer item whose
 * `updatedAt` moved (an applied import row) yields `CustomerUpserted`; an import job that reached
 * COMPLETED or FAILED yields `CustomerImportCompleted`. Derived from the stream like every event,
 * so an applied row is never without its event, and a replayed record carries the same ids.
 */
import { completedEventStatus, type CustomerImportStatusName } from '../../model/customers/status.js';
import { CUSTOMER_PREFIX, IMPORT_PREFIX } from '../../model/customers/keys.js';
import { RecordShapeError } from '../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';
import { eventIdFor, SCHEMA_VERSION, type DomainEvent } from './domain-events.js';

function str(image: Record<string, unknown>, field: string, kind: string): string {
  const v = image[field];
  if (typeof v !== 'string' || v === '')
    throw new RecordShapeError(`${kind}.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function optionalStr(image: Record<string, unknown>, field: string): string | null {
  const v = image[field];
  return typeof v === 'string' && v !== '' ? v : null;
}

function int(image: Record<string, unknown>, field: string): number {
  const v = image[field];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

function customerUpserted(record: ParsedStreamRecord, image: Record<string, unknown>): DomainEvent[] {
  const updatedAt = str(image, 'updatedAt', 'Customer');
  if (record.eventName === 'MODIFY' && record.oldImage?.['updatedAt'] === updatedAt) return [];
  const row = image['importRow'];
  return [
    {
      eventId: eventIdFor(record.eventId, 'CustomerUpserted'),
      type: 'CustomerUpserted',
      version: SCHEMA_VERSION,
      occurredAt: updatedAt,
      source: 'stockroom.customers',
      data: {
        customerId: str(image, 'id', 'Customer'),
        email: str(image, 'email', 'Customer'),
        firstName: optionalStr(image, 'firstName'),
        lastName: optionalStr(image, 'lastName'),
        phone: optionalStr(image, 'phone'),
        importId: str(image, 'importId', 'Customer'),
        row: typeof row === 'number' && row >= 1 ? row : 1,
        updatedAt,
      },
    },
  ];
}

function importCompleted(record: ParsedStreamRecord, image: Record<string, unknown>): DomainEvent[] {
  const status = str(image, 'status', 'CustomerImport') as CustomerImportStatusName;
  if (record.eventName === 'MODIFY' && record.oldImage?.['status'] === status) return [];
  const eventStatus = completedEventStatus(status, int(image, 'rowsInvalid'));
  if (!eventStatus) return [];
  const completedAt = new Date(str(image, 'finishedAt', 'CustomerImport')).toISOString();
  return [
    {
      eventId: eventIdFor(record.eventId, 'CustomerImportCompleted'),
      type: 'CustomerImportCompleted',
      version: SCHEMA_VERSION,
      occurredAt: completedAt,
      source: 'stockroom.customers',
      data: {
        importId: str(image, 'id', 'CustomerImport'),
        status: eventStatus,
        dryRun: image['dryRun'] === true,
        counts: {
          rows: int(image, 'rowsRead'),
          upserted: int(image, 'rowsApplied'),
          unchanged: int(image, 'rowsSkippedOlder'),
          invalid: int(image, 'rowsInvalid'),
        },
        errorReportKey: optionalStr(image, 'errorReportKey'),
        completedAt,
      },
    },
  ];
}

/** The customer events of a record; undefined when the record is not a customer or an import job. */
export function customerEventsFor(record: ParsedStreamRecord): DomainEvent[] | undefined {
  const pk = record.keys['pk'];
  const sk = record.keys['sk'];
  if (typeof pk !== 'string') return undefined;
  const isCustomer = pk.startsWith(CUSTOMER_PREFIX) && sk === 'CUSTOMER';
  const isImport = pk.startsWith(IMPORT_PREFIX) && sk === 'IMPORT';
  if (!isCustomer && !isImport) return undefined;
  if (record.eventName === 'REMOVE' || !record.newImage) return [];
  return isCustomer ? customerUpserted(record, record.newImage) : importCompleted(record, record.newImage);
}
