/**
 * Customer imports over HTTP, as the admin app does them: startCustomerImport, PUT the file to
 * the presigned URL (the local S3), follow customerImport until it ends, read customers and the
 * error report through its presigned GET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageImportJob } from '../setup/import-jobs.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';
import { RealtimeTestClient } from '../local/server/realtime/support/protocol-client.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api?.stop();
});

const START = `mutation Start($fileName: String!, $dryRun: Boolean) {
  startCustomerImport(fileName: $fileName, dryRun: $dryRun) { importId uploadUrl expiresAt }
}`;
const IMPORT = `query Import($id: ID!) {
  customerImport(id: $id) { id fileName status dryRun rowsTotal rowsRead rowsApplied rowsSkippedOlder rowsInvalid rowsWouldCreate errorReportUrl failureReason }
}`;
const CUSTOMERS = `query Customers($prefix: String) { customers(emailPrefix: $prefix, limit: 10) { items { id email firstName phone updatedAt } nextToken } }`;
const IMPORTS = `query { customerImports(limit: 5) { items { id status } } }`;

interface Job {
  id: string;
  status: string;
  dryRun: boolean;
  rowsTotal: number | null;
  rowsRead: number;
  rowsApplied: number;
  rowsSkippedOlder: number;
  rowsInvalid: number;
  rowsWouldCreate: number;
  errorReportUrl: string | null;
  failureReason: string | null;
}

async function importFile(text: string, dryRun = false): Promise<Job> {
  const started = await api.gql<{ startCustomerImport: { importId: string; uploadUrl: string } }>(api.admin, START, {
    fileName: 'people.csv',
    dryRun,
  });
  expect(started.body.errors).toBeUndefined();
  const { importId, uploadUrl } = started.body.data!.startCustomerImport;
  const put = await fetch(uploadUrl, { method: 'PUT', body: text });
  expect(put.status).toBe(200);
  for (let i = 0; i < 240; i += 1) {
    const r = await api.gql<{ customerImport: Job }>(api.admin, IMPORT, { id: importId });
    const job = r.body.data?.customerImport;
    if (job && (job.status === 'COMPLETED' || job.status === 'FAILED')) return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`import ${importId} did not finish`);
}

const FILE = [
  'customer_id,email,first_name,phone,updated_at',
  'cus_e2e1,Ada@Example.com,"Ada, Countess",+44 20 7946 0958,2024-05-01T00:00:00Z',
  'cus_e2e2,bob@example.com,Bob,+1 415 555 2671,2024-05-01T00:00:00Z',
  'cus_e2e3,not-an-email,Eve,,2024-05-01T00:00:00Z',
].join('\n');

describe('customer imports over the API', () => {
  it('imports a file uploaded through the presigned URL and reports the bad row', async () => {
    const job = await importFile(FILE);
    expect(job).toMatchObject({ status: 'COMPLETED', dryRun: false, rowsTotal: 3, rowsRead: 3, rowsApplied: 2, rowsInvalid: 1 });
    const report = await fetch(job.errorReportUrl!);
    expect(report.status).toBe(200);
    expect(await report.text()).toBe(
      'row,column,reason,line\n4,email,email is not a valid address,"cus_e2e3,not-an-email,Eve,,2024-05-01T00:00:00Z"\n',
    );
    const found = await api.gql<{ customers: { items: { id: string; email: string; phone: string }[] } }>(api.admin, CUSTOMERS, {
      prefix: 'ADA@',
    });
    expect(found.body.data?.customers.items).toEqual([
      {
        id: 'cus_e2e1',
        email: 'ada@example.com',
        firstName: 'Ada, Countess',
        phone: '+442079460958',
        updatedAt: '2024-05-01T00:00:00.000Z',
      },
    ]);
    const listed = await api.gql<{ customerImports: { items: { id: string }[] } }>(api.admin, IMPORTS);
    expect(listed.body.data?.customerImports.items[0]?.id).toBe(job.id);
  }, 120_000);

  it('a dry run reports what would change and writes nothing', async () => {
    const job = await importFile(FILE.replace(/cus_e2e/g, 'cus_dry'), true);
    expect(job).toMatchObject({ status: 'COMPLETED', dryRun: true, rowsApplied: 0, rowsWouldCreate: 2, rowsInvalid: 1 });
    const found = await api.gql<{ customers: { items: unknown[] } }>(api.admin, CUSTOMERS, { prefix: 'ada@' });
    expect(found.body.data?.customers.items).toHaveLength(1);
  }, 120_000);

  it('refuses a file name that is a path, and non-admins', async () => {
    const bad = await api.gql(api.admin, START, { fileName: '../etc/passwd' });
    expect(bad.body.errors?.[0]?.errorType).toBe('ValidationError');
    const user = await api.gql(api.user, START, { fileName: 'a.csv' });
    expect(user.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});

describe('onImportProgress: the ingest job pushes its progress live', () => {
  const ON_PROGRESS = `subscription P($id: ID!) { onImportProgress(importId: $id) { id status rowsRead rowsApplied rowsInvalid rowsTotal } }`;

  it('an admin subscriber sees the counters grow and the job end COMPLETED, as customerImport reads it; the storefront key cannot subscribe', async () => {
    const started = await api.gql<{ startCustomerImport: { importId: string; uploadUrl: string } }>(api.admin, START, {
      fileName: 'progress.csv',
    });
    const { importId, uploadUrl } = started.body.data!.startCustomerImport;
    const host = new URL(api.s.graphqlUrl).host;
    const admin = await RealtimeTestClient.open(api.s.realtimeUrl, { host, Authorization: api.s.adminToken });
    const shopper = await RealtimeTestClient.open(api.s.realtimeUrl, { host, 'x-api-key': api.s.apiKey });
    try {
      expect((await admin.init()).type).toBe('connection_ack');
      expect((await shopper.init()).type).toBe('connection_ack');
      expect(await admin.start('p', ON_PROGRESS, { id: importId }, { host, Authorization: api.s.adminToken })).toMatchObject({
        type: 'start_ack',
      });
      const refused = await shopper.start('s', ON_PROGRESS, { id: importId }, { host, 'x-api-key': api.s.apiKey });
      expect(refused.type).toBe('error');

      const rows = Array.from({ length: 2500 }, (_, i) => `cus_live${i},live${i}@example.com,Live,2024-06-01T00:00:00Z`);
      const put = await fetch(uploadUrl, { method: 'PUT', body: ['customer_id,email,first_name,updated_at', ...rows].join('\n') });
      expect(put.status).toBe(200);
      await admin.next((f) => f.type === 'data' && JSON.stringify(f.payload).includes('"COMPLETED"'), 120_000);
      const pushed = admin.dataFor('p').map((f) => (f.payload?.data as { onImportProgress: Job }).onImportProgress);
      expect(pushed.length).toBeGreaterThanOrEqual(2);
      const reads = pushed.map((j) => j.rowsRead);
      expect([...reads].sort((a, b) => a - b)).toEqual(reads);
      expect(pushed.every((j) => j.id === importId)).toBe(true);
      const stored = (await api.gql<{ customerImport: Job }>(api.admin, IMPORT, { id: importId })).body.data!.customerImport;
      expect(pushed.at(-1)).toEqual({
        id: importId,
        status: 'COMPLETED',
        rowsRead: stored.rowsRead,
        rowsApplied: stored.rowsApplied,
        rowsInvalid: stored.rowsInvalid,
        rowsTotal: stored.rowsTotal,
      });
      expect(stored).toMatchObject({ rowsRead: 2500, rowsApplied: 2500 });
    } finally {
      admin.close();
      shopper.close();
    }
  }, 180_000);
});

describe('uploads that never arrive', () => {
  const EXPIRY = `query Import($id: ID!) { customerImport(id: $id) { id status dryRun uploadExpiresAt finishedAt failureReason } }`;
  const ON_EXPIRY = `subscription P($id: ID!) { onImportProgress(importId: $id) { id status uploadExpiresAt failureReason } }`;

  const age = (id: string) => ageImportJob(api.s, id);

  it('the expirer fails a job whose file never came, pushes it, and a late file still gets imported', async () => {
    const started = await api.gql<{ startCustomerImport: { importId: string; uploadUrl: string; expiresAt: string } }>(api.admin, START, {
      fileName: 'late.csv',
      dryRun: true,
    });
    const { importId, uploadUrl, expiresAt } = started.body.data!.startCustomerImport;
    const waiting = (await api.gql<{ customerImport: Record<string, unknown> }>(api.admin, EXPIRY, { id: importId })).body.data!
      .customerImport;
    expect(waiting).toMatchObject({ status: 'PENDING', uploadExpiresAt: expiresAt, failureReason: null });

    const uploadExpiresAt = await age(importId);
    const host = new URL(api.s.graphqlUrl).host;
    const admin = await RealtimeTestClient.open(api.s.realtimeUrl, { host, Authorization: api.s.adminToken });
    try {
      expect((await admin.init()).type).toBe('connection_ack');
      expect(await admin.start('x', ON_EXPIRY, { id: importId }, { host, Authorization: api.s.adminToken })).toMatchObject({
        type: 'start_ack',
      });
      expect(await api.s.runFunction('import-expirer')).toEqual({ found: 1, expired: 1, skipped: 0, failed: 0 });
      const reason = `no file arrived before the upload link expired (${uploadExpiresAt})`;
      const pushed = await admin.next((f) => f.type === 'data', 30_000);
      expect((pushed.payload?.data as { onImportProgress: unknown }).onImportProgress).toEqual({
        id: importId,
        status: 'FAILED',
        uploadExpiresAt,
        failureReason: reason,
      });
      const failed = (await api.gql<{ customerImport: Record<string, unknown> }>(api.admin, EXPIRY, { id: importId })).body.data!
        .customerImport;
      expect(failed).toMatchObject({ status: 'FAILED', uploadExpiresAt, failureReason: reason });
      expect(failed['finishedAt']).toEqual(expect.any(String));
    } finally {
      admin.close();
    }

    // The link itself was signed a moment ago (only the record was aged): the file comes late.
    const put = await fetch(uploadUrl, { method: 'PUT', body: FILE.replace(/cus_e2e/g, 'cus_late') });
    expect(put.status).toBe(200);
    const LIST = `query { customerImports(limit: 10) { items { id fileName status dryRun uploadExpiresAt rowsRead } } }`;
    for (let i = 0; ; i += 1) {
      const items = (await api.gql<{ customerImports: { items: Record<string, unknown>[] } }>(api.admin, LIST)).body.data!.customerImports
        .items;
      const late = items.find((j) => j['fileName'] === 'late.csv' && j['id'] !== importId);
      if (late && late['status'] === 'COMPLETED') {
        // Its own job, not waiting for anything, and still the dry run the link was made for.
        expect(late).toMatchObject({ dryRun: true, uploadExpiresAt: null, rowsRead: 3 });
        break;
      }
      if (i > 240) throw new Error('the late file was not imported');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(
      (await api.gql<{ customerImport: Record<string, unknown> }>(api.admin, EXPIRY, { id: importId })).body.data!.customerImport,
    ).toMatchObject({
      status: 'FAILED',
    });
  }, 120_000);
});
