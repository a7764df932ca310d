/** Pushes and reads of one import job race: the screen keeps whichever snapshot is further along. */
import { describe, expect, it } from 'vitest';
import {
  isFinished,
  neverGotFile,
  newerJob,
  statusInWords,
  uploadLinkExpired,
  type ImportJob,
} from '../../../../admin-ui/src/screens/imports/job-state.js';

const base: ImportJob = {
  id: 'imp_1',
  fileName: 'people.csv',
  status: 'RUNNING',
  dryRun: false,
  rowsTotal: null,
  rowsRead: 1000,
  rowsApplied: 990,
  rowsSkippedOlder: 0,
  rowsInvalid: 10,
  rowsWouldCreate: 0,
  rowsWouldUpdate: 0,
  createdAt: '2026-12-02T04:00:00.000Z',
  uploadExpiresAt: '2026-12-02T04:15:00.000Z',
  startedAt: '2026-12-02T04:00:01.000Z',
  finishedAt: null,
  failureReason: null,
};

describe('newerJob', () => {
  it('takes the first snapshot, and one of another job', () => {
    expect(newerJob(undefined, base)).toBe(base);
    const other = { ...base, id: 'imp_2', rowsRead: 0 };
    expect(newerJob(base, other)).toBe(other);
  });

  it('keeps the further status: a late RUNNING push never undoes COMPLETED', () => {
    const done = { ...base, status: 'COMPLETED' as const, rowsRead: 2000, rowsTotal: 2000 };
    expect(newerJob(done, { ...base, rowsRead: 1500 })).toBe(done);
    expect(newerJob(base, done)).toBe(done);
  });

  it('within one status keeps more rows read; equal counts take the later news', () => {
    const earlier = { ...base, rowsRead: 500 };
    expect(newerJob(base, earlier)).toBe(base);
    const same = { ...base };
    expect(newerJob(base, same)).toBe(same);
  });
});

describe('job status in words', () => {
  it('says what each status means', () => {
    expect(statusInWords({ ...base, status: 'PENDING' })).toBe('Waiting for the file');
    expect(statusInWords(base)).toBe('Importing');
    expect(statusInWords({ ...base, dryRun: true })).toBe('Checking');
    expect(statusInWords({ ...base, status: 'COMPLETED' })).toBe('Completed with invalid rows');
    expect(statusInWords({ ...base, status: 'COMPLETED', rowsInvalid: 0 })).toBe('Completed');
    expect(isFinished({ status: 'FAILED' })).toBe(true);
    expect(isFinished({ status: 'RUNNING' })).toBe(false);
  });
});

describe('neverGotFile: a job that has not started has no file (yet)', () => {
  it.each([
    ['PENDING, not started', { status: 'PENDING', startedAt: null }, true],
    ['FAILED by the expirer, never started', { status: 'FAILED', startedAt: null }, true],
    ['FAILED after it read its file (not CSV, a broken quote)', { status: 'FAILED', startedAt: '2026-12-02T04:00:01.000Z' }, false],
    ['RUNNING', { status: 'RUNNING', startedAt: '2026-12-02T04:00:01.000Z' }, false],
    ['COMPLETED', { status: 'COMPLETED', startedAt: '2026-12-02T04:00:01.000Z' }, false],
  ] as const)('%s → %s', (_, job, expected) => {
    expect(neverGotFile(job)).toBe(expected);
  });
});

describe('uploadLinkExpired', () => {
  const at = Date.parse('2026-12-02T04:15:00.000Z');
  it.each([
    ['a minute before the link expires', at - 60_000, false],
    ['the moment it expires', at, true],
    ['after it expired', at + 60_000, true],
  ])('%s → %s', (_, now, expected) => {
    expect(uploadLinkExpired(base, now)).toBe(expected);
  });

  it('a job created on arrival of a dropped file has no link to expire', () => {
    expect(uploadLinkExpired({ uploadExpiresAt: null }, at + 60_000)).toBe(false);
  });
});
