import { describe, expect, it } from 'vitest';
import { domainEventsFor } from '../../../functions/event-publisher/domain-events.js';
import type { ParsedStreamRecord } from '../../../functions/commons/stream-records.js';
import { expectValidEvent } from '../../events/validate.js';

const customer = {
  pk: 'CUSTOMER#cus_1',
  sk: 'CUSTOMER',
  kind: 'CUSTOMER',
  id: 'cus_1',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: null,
  phone: '+442079460958',
  updatedAt: '2024-05-01T00:00:00.000Z',
  createdAt: '2024-05-02T00:00:00.000Z',
  importId: 'imp_1',
  importRow: 2,
};
const job = {
  pk: 'IMPORT#imp_1',
  sk: 'IMPORT',
  id: 'imp_1',
  status: 'COMPLETED',
  dryRun: false,
  rowsRead: 10,
  rowsApplied: 7,
  rowsSkippedOlder: 2,
  rowsInvalid: 1,
  errorReportKey: 'imports/errors/imp_1.csv',
  finishedAt: '2024-05-02T00:00:01.000Z',
};

function record(eventName: 'INSERT' | 'MODIFY', newImage: Record<string, unknown>, oldImage?: Record<string, unknown>): ParsedStreamRecord {
  return { eventId: 'ev1', eventName, sequenceNumber: '1', keys: { pk: newImage['pk'], sk: newImage['sk'] }, newImage, oldImage };
}

describe('customer domain events from the change stream', () => {
  it.each([
    ['a new customer', record('INSERT', customer), ['CustomerUpserted']],
    [
      'a newer version of a customer',
      record('MODIFY', customer, { ...customer, updatedAt: '2024-01-01T00:00:00.000Z' }),
      ['CustomerUpserted'],
    ],
    ['a write that did not move updatedAt', record('MODIFY', customer, customer), []],
    ['a job that completed', record('MODIFY', job, { ...job, status: 'RUNNING' }), ['CustomerImportCompleted']],
    ['a job that failed', record('MODIFY', { ...job, status: 'FAILED' }, { ...job, status: 'RUNNING' }), ['CustomerImportCompleted']],
    [
      'a job whose file never came (the import expirer)',
      record(
        'MODIFY',
        { ...job, status: 'FAILED', rowsRead: 0, rowsApplied: 0, rowsSkippedOlder: 0, rowsInvalid: 0, errorReportKey: null },
        { ...job, status: 'PENDING', finishedAt: null },
      ),
      ['CustomerImportCompleted'],
    ],
    ['a job that is still running', record('MODIFY', { ...job, status: 'RUNNING' }, { ...job, status: 'RUNNING' }), []],
    ['a new PENDING job', record('INSERT', { ...job, status: 'PENDING' }), []],
    ['an invalid-row item of a job', record('INSERT', { pk: 'IMPORT#imp_1', sk: 'ERROR#000000000002', row: 2 }), []],
  ])('%s → %j', (_name, r, types) => {
    const events = domainEventsFor(r);
    expect(events.map((e) => e.type)).toEqual(types);
    for (const e of events) expectValidEvent(e);
  });

  it('names the import row and reports a completed import with errors as COMPLETED_WITH_ERRORS', () => {
    const [upserted] = domainEventsFor(record('INSERT', customer));
    expect(upserted?.data).toMatchObject({ customerId: 'cus_1', importId: 'imp_1', row: 2 });
    const [completed] = domainEventsFor(record('MODIFY', job, { ...job, status: 'RUNNING' }));
    expect(completed?.data).toEqual({
      importId: 'imp_1',
      status: 'COMPLETED_WITH_ERRORS',
      dryRun: false,
      counts: { rows: 10, upserted: 7, unchanged: 2, invalid: 1 },
      errorReportKey: 'imports/errors/imp_1.csv',
      completedAt: '2024-05-02T00:00:01.000Z',
    });
  });
});
