/**
 * The import expirer on DynamoDB Local: PENDING jobs whose upload link expired more than the grace
 * ago are failed with a reason for the admin; nothing else is touched; a claim that gets there
 * first wins; and a file that arrives after its job expired is imported as a job of its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { claimJob, jobItem, pendingJob, type ObjectVersion } from '../../functions/customer-ingest/job/claim.js';
import { expireImport, expireImports, findOverdueImports, type ExpirySummary } from '../../functions/import-expirer/index.js';
import { importKey, importObjectKey, importUploadKey } from '../../model/customers/keys.js';
import type { CustomerImportRecord } from '../../model/customers/records.js';
import type { CustomerImportStatusName } from '../../model/customers/status.js';
import { uploadExpiresAtOf } from '../../model/customers/upload-expiry.js';
import { startScheduler } from '../../local/services/scheduler.js';
import { createHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('impexp');
});
afterAll(async () => {
  await h.destroy();
});
beforeEach(async () => {
  await h.tables.truncate();
});

const NOW = new Date();
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);
const REASON = /^no file arrived before the upload link expired \(\d{4}-\d\d-\d\dT[\d:.]+Z\)$/;

interface JobSpec {
  id: string;
  createdMinutesAgo: number;
  status?: CustomerImportStatusName;
  /** 'signed' (default): created by startCustomerImport; 'arrival': created for a dropped file; 'legacy': stored before the field existed. */
  origin?: 'signed' | 'arrival' | 'legacy';
  dryRun?: boolean;
}

async function putJob(spec: JobSpec): Promise<CustomerImportRecord> {
  const createdAt = minutesAgo(spec.createdMinutesAgo);
  const origin = spec.origin ?? 'signed';
  const job: CustomerImportRecord = {
    ...pendingJob(spec.id, `${spec.id}.csv`, spec.dryRun ?? false, createdAt, origin === 'arrival' ? null : uploadExpiresAtOf(createdAt)),
    status: spec.status ?? 'PENDING',
  };
  if (job.status !== 'PENDING') Object.assign(job, { objectVersion: 'v0', bucket: 'b', objectKey: importUploadKey(spec.id, 'x.csv') });
  const item = jobItem(job);
  if (origin === 'legacy') delete item['uploadExpiresAt'];
  await h.doc.send(new PutCommand({ TableName: h.table, Item: item }));
  return job;
}

async function jobOf(id: string): Promise<CustomerImportRecord | undefined> {
  return (await h.doc.send(new GetCommand({ TableName: h.table, Key: importKey(id), ConsistentRead: true }))).Item as
    CustomerImportRecord | undefined;
}

function claimOptions(doc: DynamoDBDocumentClient = h.doc, owner = 'ingest-1') {
  return { doc, tableName: h.table, owner, leaseMs: 60_000, now: new Date() };
}

function uploadOf(id: string, version = 'v1'): ObjectVersion {
  return { bucket: 'ingest', key: importUploadKey(id, `${id}.csv`), version };
}

describe('functions/import-expirer', () => {
  // Links last 15 minutes and the grace is 15 more: a signed job is overdue 30 minutes after creation.
  const cases: { name: string; job: JobSpec; expired: boolean }[] = [
    { name: 'a PENDING job whose link expired 16 minutes ago', job: { id: 'imp_overdue', createdMinutesAgo: 31 }, expired: true },
    { name: 'a PENDING job 6 days old', job: { id: 'imp_old', createdMinutesAgo: 6 * 1440 }, expired: true },
    {
      name: 'a PENDING job stored before uploadExpiresAt existed',
      job: { id: 'imp_legacy', createdMinutesAgo: 60, origin: 'legacy' },
      expired: true,
    },
    { name: 'a PENDING job within its link', job: { id: 'imp_fresh', createdMinutesAgo: 5 }, expired: false },
    { name: 'a PENDING job within the grace', job: { id: 'imp_grace', createdMinutesAgo: 29 }, expired: false },
    { name: 'a RUNNING job', job: { id: 'imp_running', createdMinutesAgo: 60, status: 'RUNNING' }, expired: false },
    { name: 'a COMPLETED job', job: { id: 'imp_done', createdMinutesAgo: 60, status: 'COMPLETED' }, expired: false },
    { name: 'a FAILED job', job: { id: 'imp_broken', createdMinutesAgo: 60, status: 'FAILED' }, expired: false },
    {
      name: 'a PENDING job created on arrival (uploadExpiresAt null)',
      job: { id: 'imp_arrival', createdMinutesAgo: 60, origin: 'arrival' },
      expired: false,
    },
    // Outside the bounded index range (7 days): older waiting jobs predate the expirer.
    { name: 'a PENDING job 8 days old', job: { id: 'imp_ancient', createdMinutesAgo: 8 * 1440 }, expired: false },
  ];

  it('fails overdue PENDING jobs with a reason for the admin, and touches nothing else', async () => {
    const before = new Map<string, CustomerImportRecord>();
    for (const c of cases) {
      await putJob(c.job);
      before.set(c.job.id, (await jobOf(c.job.id))!);
    }
    const expected = cases.filter((c) => c.expired).length;
    const pushed: CustomerImportRecord[] = [];
    const summary = await expireImports({
      doc: h.doc,
      tableName: h.table,
      now: NOW,
      publish: (job) => Promise.resolve(void pushed.push(job)),
    });
    expect(summary).toEqual({ found: expected, expired: expected, skipped: 0, failed: 0 });

    for (const c of cases) {
      const after = (await jobOf(c.job.id))!;
      if (!c.expired) {
        expect(after, c.name).toEqual(before.get(c.job.id));
        continue;
      }
      const was = before.get(c.job.id)!;
      expect(after, c.name).toMatchObject({
        status: 'FAILED',
        finishedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        objectVersion: null,
      });
      expect(after.failureReason, c.name).toMatch(REASON);
      expect(after.failureReason, c.name).toContain(uploadExpiresAtOf(new Date(was.createdAt)));
    }
    // The final state is pushed to the job's subscribers, once per expired job.
    expect(pushed.map((j) => j.id).sort()).toEqual(
      cases
        .filter((c) => c.expired)
        .map((c) => c.job.id)
        .sort(),
    );
    expect(pushed.every((j) => j.status === 'FAILED')).toBe(true);

    // A second run finds nothing left to do.
    expect(await expireImports({ doc: h.doc, tableName: h.table, now: NOW })).toEqual({ found: 0, expired: 0, skipped: 0, failed: 0 });
  });

  it('reads every page of the index', async () => {
    // Enough large items that one Query page (1 MB) cannot hold them all.
    const padding = 'x'.repeat(100_000);
    for (let i = 0; i < 14; i++) {
      const job = await putJob({ id: `imp_page${String(i).padStart(2, '0')}`, createdMinutesAgo: 40 + i });
      await h.doc.send(new PutCommand({ TableName: h.table, Item: { ...jobItem(job), padding } }));
    }
    let queries = 0;
    const counting = new Proxy(h.doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
        return (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          queries++;
          return target.send(command);
        };
      },
    });
    expect(await findOverdueImports(counting, h.table, NOW)).toHaveLength(14);
    expect(queries).toBeGreaterThan(1);
  });

  it('two expirers on the same job: exactly one fails it, the other skips', async () => {
    await putJob({ id: 'imp_twice', createdMinutesAgo: 45 });
    const [found] = await findOverdueImports(h.doc, h.table, NOW);
    const outcomes = await Promise.all([
      expireImport({ doc: h.doc, tableName: h.table, now: NOW, job: found! }),
      expireImport({ doc: h.doc, tableName: h.table, now: NOW, job: found! }),
    ]);
    expect(outcomes.sort()).toEqual(['expired', 'skipped']);
    expect(await jobOf('imp_twice')).toMatchObject({ status: 'FAILED' });
  });

  it('a file claimed between the find and the update wins: the job runs, the expirer skips', async () => {
    await putJob({ id: 'imp_late_claim', createdMinutesAgo: 31 });
    const [found] = await findOverdueImports(h.doc, h.table, NOW);
    expect(found?.id).toBe('imp_late_claim');
    const claim = await claimJob(claimOptions(), uploadOf('imp_late_claim'));
    expect(claim).toMatchObject({ kind: 'run', job: { id: 'imp_late_claim', status: 'RUNNING' } });
    expect(await expireImport({ doc: h.doc, tableName: h.table, now: NOW, job: found! })).toBe('skipped');
    expect(await jobOf('imp_late_claim')).toMatchObject({ status: 'RUNNING', failureReason: null, objectVersion: 'v1' });
  });

  it('a file that arrives after its job expired gets a job of its own (with the dry-run choice of the link)', async () => {
    await putJob({ id: 'imp_gone', createdMinutesAgo: 40, dryRun: true });
    expect(await expireImports({ doc: h.doc, tableName: h.table, now: NOW })).toMatchObject({ expired: 1 });

    const claim = await claimJob(claimOptions(), uploadOf('imp_gone'));
    if (claim.kind !== 'run') throw new Error(`expected a run, got ${claim.kind}`);
    expect(claim.job.id).not.toBe('imp_gone');
    expect(claim.job).toMatchObject({
      status: 'RUNNING',
      fileName: 'imp_gone.csv',
      dryRun: true,
      uploadExpiresAt: null,
      objectVersion: 'v1',
    });
    expect(await jobOf('imp_gone')).toMatchObject({ status: 'FAILED', objectVersion: null });
    // The new job is not waiting for anything, so the expirer leaves it alone.
    expect(await expireImports({ doc: h.doc, tableName: h.table, now: new Date(Date.now() + 86_400_000) })).toMatchObject({ found: 0 });
  });

  it('a file whose job expires while it is being claimed is not taken for a duplicate', async () => {
    await putJob({ id: 'imp_race', createdMinutesAgo: 35 });
    const [found] = await findOverdueImports(h.doc, h.table, NOW);
    // The claim has read the job as PENDING; the expirer fails it before the claim's lease.
    const racing = new Proxy(h.doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
        return async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          const input = command.input as { Item?: { kind?: unknown } };
          if (command instanceof PutCommand && input.Item?.kind === 'CUSTOMER_IMPORT_OBJECT')
            expect(await expireImport({ doc: h.doc, tableName: h.table, now: NOW, job: found! })).toBe('expired');
          return target.send(command);
        };
      },
    });
    const object = uploadOf('imp_race');
    const claim = await claimJob(claimOptions(racing), object);
    if (claim.kind !== 'run') throw new Error(`expected a run, got ${claim.kind}`);
    expect(claim.job.id).not.toBe('imp_race');
    expect(claim.job).toMatchObject({ status: 'RUNNING', objectVersion: 'v1', uploadExpiresAt: null });
    expect(await jobOf('imp_race')).toMatchObject({ status: 'FAILED' });
    // The version's marker names the job that runs it: a redelivery finds that job, not the expired one.
    const marker = (
      await h.doc.send(new GetCommand({ TableName: h.table, Key: importObjectKey(object.bucket, object.key, object.version) }))
    ).Item;
    expect(marker?.['importId']).toBe(claim.job.id);
    expect(await claimJob(claimOptions(h.doc, 'ingest-2'), object)).toEqual({ kind: 'busy', importId: claim.job.id });
  });

  it('runs as the wired scheduled function (scheduler → function runner → handler)', async () => {
    await putJob({ id: 'imp_sched', createdMinutesAgo: 31 });
    const scheduler = startScheduler({ stage: h.tables.stage, invoke: (name, event) => h.functions.invoke(name, event) });
    try {
      const summary = (await scheduler.runNow('import-expirer')) as ExpirySummary;
      expect(summary).toEqual({ found: 1, expired: 1, skipped: 0, failed: 0 });
    } finally {
      await scheduler.stop();
    }
    expect(await jobOf('imp_sched')).toMatchObject({ status: 'FAILED' });
  });
});
