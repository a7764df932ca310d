/**
 * The Imports screen in Chromium against a real local server (the local S3 on another origin,
 * the real ingest function, live progress over the WebSocket): a CSV with bad rows dropped on
 * the screen shows its progress, final counts and a report that downloads with every bad row's
 * number and reason; a dry run shows what would change and writes nothing; a file that is not
 * CSV shows why it failed; the history pages and marks dry runs; the screen fits 390 px.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageImportJob } from '../../setup/import-jobs.js';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

// Chromium and a whole server on a shared 2-core machine: generous bounded waits, no timing asserts.
const WAIT = { timeout: 60_000 };
const ROWS = 4_000;
const HEADER = 'customer_id,email,first_name,last_name,phone,updated_at';
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

/** Row i (1-based) is spreadsheet row i + 1; every 100th row has a bad email, every 250th a bad phone. */
function bigFile(): { text: string; bad: Map<number, string> } {
  const lines = [HEADER];
  const bad = new Map<number, string>();
  for (let i = 1; i <= ROWS; i += 1) {
    const row = i + 1;
    if (i % 100 === 37) {
      lines.push(`cus_imp_${i},not-an-email,Bad,Email,,2024-01-01T00:00:00Z`);
      bad.set(row, 'email is not a valid address');
    } else if (i % 250 === 90) {
      lines.push(`cus_imp_${i},p${i}@example.com,Bad,Phone,12,2024-01-01T00:00:00Z`);
      bad.set(row, 'phone is not a valid number');
    } else lines.push(`cus_imp_${i},p${i}@example.com,Person,${i},,2024-01-01T00:00:00Z`);
  }
  return { text: `${lines.join('\n')}\n`, bad };
}

/** Drops a file on the drop zone the way a browser does (a DataTransfer with one File). */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/csv' }));
      return transfer;
    },
    { name, text },
  );
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
}

/** Every text the progress line and the status showed, recorded in the page as it changes. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="progress-text"]')?.textContent;
      const status = document.querySelector('[data-testid="job-status"]')?.textContent;
      const entry = `${status ?? ''} | ${text ?? ''}`;
      if (seen[seen.length - 1] !== entry) seen.push(entry);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const count = (page: Page, key: string) => page.locator(`.import-job [data-count="${key}"] dd`).textContent();

describe('admin imports', { timeout: 240_000 }, () => {
  it('a dropped CSV with bad rows shows its progress, the final counts and a report that downloads', async () => {
    const page = await h.signedInPage('#/imports');
    await page.getByText('No imports yet').waitFor(WAIT);
    const { text, bad } = bigFile();
    await dropFile(page, 'people (spring).csv', text);
    await expect.poll(() => page.locator('#upload-chosen').textContent(), WAIT).toContain('people (spring).csv');
    await recordProgress(page);
    let pushes = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => void (String(payload).includes('"onImportProgress"') && (pushes += 1))),
    );
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const job = page.locator('.import-job');
    await expect.poll(() => job.getAttribute('data-status'), WAIT).toBe('COMPLETED');
    expect(page.url()).toMatch(/#\/imports\/[^/]+$/);
    // The name the API accepts (no parentheses), derived from the dropped file's.
    expect(await job.getByRole('heading').textContent()).toContain('people _spring_.csv');
    const valid = ROWS - bad.size;
    expect(await count(page, 'read')).toBe(ROWS.toLocaleString('en-US'));
    expect(await count(page, 'applied')).toBe(valid.toLocaleString('en-US'));
    expect(await count(page, 'skipped')).toBe('0');
    expect(await count(page, 'invalid')).toBe(String(bad.size));
    expect(await page.getByTestId('progress-text').textContent()).toBe(
      `${ROWS.toLocaleString('en-US')} of ${ROWS.toLocaleString('en-US')} rows read`,
    );
    expect(await page.getByTestId('outcome').textContent()).toContain(`${bad.size} rows were invalid`);

    // The bar moved through the job's states before its end (pushes while it ran).
    const seen = await page.evaluate(() => (globalThis as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.some((s) => s.startsWith('Waiting for the file') || s.startsWith('Importing'))).toBe(true);
    expect(seen.at(-1)).toContain(`${ROWS.toLocaleString('en-US')} of`);
    // …and those came as pushes, not only as reads.
    expect(pushes).toBeGreaterThan(1);

    const download = page.waitForEvent('download', WAIT);
    await page.getByRole('button', { name: /Download error report/ }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/-errors\.csv$/);
    const report = (await readFile((await saved.path())!, 'utf8')).trim().split('\n');
    expect(report[0]).toBe('row,column,reason,line');
    const rows = report.slice(1).map((line) => {
      const [row, column, ...rest] = line.split(',');
      return { row: Number(row), column, rest: rest.join(',') };
    });
    expect(rows.map((r) => r.row)).toEqual([...bad.keys()].sort((a, b) => a - b));
    for (const r of rows) expect(r.rest).toContain(bad.get(r.row)!);
    expect(rows.find((r) => r.row === 38)).toMatchObject({ column: 'email' });
    expect(rows.find((r) => r.row === 91)).toMatchObject({ column: 'phone' });

    const stored = await h.gql<{ customer: { email: string } | null }>('query { customer(id: "cus_imp_1") { email } }');
    expect(stored.customer?.email).toBe('p1@example.com');
    const historyRow = page.locator(`table tr[data-import="${await job.getAttribute('data-import')}"]`);
    await expect.poll(() => historyRow.locator('[data-col="status"]').textContent(), WAIT).toContain('Completed with invalid rows');
    await screenshot(page, 'imports-completed');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('with every push lost on the way, the bar still ends at the stored counts', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
    let dropped = 0;
    // The real WebSocket, minus every progress push: only the screen's reads can bring news.
    await page.routeWebSocket(/\/graphql\/realtime/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (String(message).includes('"onImportProgress"')) dropped += 1;
        else ws.send(message);
      });
    });
    await page.goto(`${h.adminUrl}#/imports`);
    await page.getByRole('button', { name: 'Sign in as dev admin' }).click();
    const lines = [HEADER];
    for (let i = 1; i <= 1_500; i += 1) lines.push(`cus_quiet_${i},q${i}@example.com,Quiet,${i},,2024-01-01T00:00:00Z`);
    await dropFile(page, 'quiet.csv', lines.join('\n'));
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const job = page.locator('.import-job');
    await expect.poll(() => job.getAttribute('data-status'), WAIT).toBe('COMPLETED');
    expect(await count(page, 'read')).toBe('1,500');
    expect(await count(page, 'applied')).toBe('1,500');
    expect(await page.getByTestId('progress-text').textContent()).toBe('1,500 of 1,500 rows read');
    expect(dropped).toBeGreaterThan(0);
    await page.close();
  });

  it('a dry run shows what would be created, updated and skipped, and writes no customer', async () => {
    const page = await h.signedInPage('#/imports');
    const lines = [HEADER];
    for (let i = 1; i <= 5; i += 1) lines.push(`cus_imp_${i},new${i}@example.com,Renamed,${i},,2025-06-01T00:00:00Z`);
    for (let i = 10; i <= 12; i += 1) lines.push(`cus_imp_${i},old${i}@example.com,Older,${i},,2023-01-01T00:00:00Z`);
    for (let i = 1; i <= 4; i += 1) lines.push(`cus_dry_${i},dry${i}@example.com,Dry,${i},,2025-06-01T00:00:00Z`);
    lines.push('x,broken@example.com,Short,Id,,2025-06-01T00:00:00Z');
    // The keyboard path: the file input is a real, labelled input.
    await page.getByLabel('Drop a CSV file here, or choose one').setInputFiles({
      name: 'dry.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByLabel(/Dry run/).check();
    await page.getByRole('button', { name: 'Upload and check' }).click();

    const job = page.locator('.import-job');
    await expect.poll(() => job.getAttribute('data-status'), WAIT).toBe('COMPLETED');
    expect(await job.getByRole('heading').textContent()).toContain('dry run');
    expect(await count(page, 'would-create')).toBe('4');
    expect(await count(page, 'would-update')).toBe('5');
    expect(await count(page, 'skipped')).toBe('3');
    expect(await count(page, 'invalid')).toBe('1');
    expect(await page.getByTestId('outcome').textContent()).toContain('Dry run: nothing was written');

    const after = await h.gql<{ dry: unknown; existing: { email: string; updatedAt: string } | null }>(
      'query { dry: customer(id: "cus_dry_1") { id } existing: customer(id: "cus_imp_1") { email updatedAt } }',
    );
    expect(after.dry).toBeNull();
    expect(after.existing).toEqual({ email: 'p1@example.com', updatedAt: '2024-01-01T00:00:00.000Z' });
    const historyRow = page.locator(`table tr[data-import="${await job.getAttribute('data-import')}"]`);
    await expect.poll(() => historyRow.locator('[data-col="kind"]').textContent(), WAIT).toBe('dry run');
    await screenshot(page, 'imports-dry-run');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a file that is not CSV fails with its reason in words; the screen fits 390 px', async () => {
    const page = await h.signedInPage('#/imports', { width: 390, height: 844 });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00]);
    await page.getByLabel('Drop a CSV file here, or choose one').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const failure = page.getByTestId('failure');
    await failure.waitFor(WAIT);
    expect(await failure.textContent()).toContain('The file was not imported: the file is not a CSV text file (it holds binary data).');
    expect(await failure.textContent()).toContain('Nothing was written');
    expect(await page.locator('.import-job').getAttribute('data-status')).toBe('FAILED');
    expect(await page.getByRole('button', { name: /Download error report/ }).count()).toBe(0);
    expect(await page.getByTestId('progress-text').textContent()).toBe('Stopped after 0 rows read.');
    // Tables scroll inside their own box; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'imports-not-csv-390');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the history pages through every job, newest first', async () => {
    // PENDING jobs (started, never uploaded) are jobs too: enough of them for a second page.
    for (let i = 0; i < 20; i += 1) await h.gql('mutation { startCustomerImport(fileName: "later.csv") { importId } }');
    const page = await h.signedInPage('#/imports');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(20);
    expect(await rows.first().locator('.import-status').textContent()).toBe('Waiting for the file');
    // A job waiting for its file says until when its link works.
    expect(await rows.first().getByTestId('upload-expiry').textContent()).toMatch(/^link expires \S/);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(24);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const last = rows.last();
    expect(await last.getByRole('link').textContent()).toBe('people _spring_.csv');
    await last.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.import-job').getAttribute('data-status'), WAIT).toBe('COMPLETED');
    await screenshot(page, 'imports-history');
  });

  it('an upload the storage refuses is shown in words with its type and S3 code', async () => {
    const page = await h.signedInPage('#/imports');
    // The presigned PUT answered as S3 answers an expired link.
    await page.route(/\/imports\/customers\//, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 403,
            headers: { 'content-type': 'application/xml', 'access-control-allow-origin': '*' },
            body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
          })
        : route.continue(),
    );
    await page.getByLabel('Drop a CSV file here, or choose one').setInputFiles({
      name: 'late.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\ncus_late_1,late@example.com,,,,\n`),
    });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.getAttribute('data-error-type')).toBe('UploadFailed');
    expect(await alert.textContent()).toContain('The file could not be uploaded to storage');
    expect(await alert.textContent()).toContain('HTTP 403: AccessDenied: Request has expired');
    // The file stays chosen, to try again.
    expect(await page.locator('#upload-chosen').textContent()).toContain('late.csv');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a file broken part-way (a quote never closed) stops at its row and says what was written before it', async () => {
    const page = await h.signedInPage('#/imports');
    const good = Array.from({ length: 30 }, (_, i) => `cus_brk_${i},b${i}@example.com,Before,${i},,2024-01-01T00:00:00Z`);
    // Row 32 opens a quote that never closes: over 64 KiB of what follows would be one field.
    const text = `customer_id,email,first_name,last_name,phone,updated_at\n${good.join('\n')}\ncus_brk_x,"open${'\nc,d,e,f,g,h'.repeat(8000)}\n`;
    await dropFile(page, 'broken.csv', text);
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const failure = page.getByTestId('failure');
    await failure.waitFor(WAIT);
    expect(await failure.textContent()).toContain(
      'The import stopped: row 32 is longer than 64 KiB, most likely a quote that is never closed',
    );
    expect(await failure.textContent()).toContain('30 customers before that point were created or updated');
    expect(await page.locator('.import-job').getAttribute('data-status')).toBe('FAILED');
  });

  it('a job whose file never came says until when it waits, then that it was failed, live, with nothing to fix', async () => {
    const started = await h.gql<{ startCustomerImport: { importId: string } }>(
      'mutation { startCustomerImport(fileName: "never.csv") { importId } }',
    );
    const id = started.startCustomerImport.importId;
    const page = await h.signedInPage(`#/imports/${id}`);
    const job = page.locator('.import-job');
    await expect.poll(() => job.getAttribute('data-status'), WAIT).toBe('PENDING');
    // Opened from a link, not just uploaded from this tab: it cannot say the file is uploaded.
    expect(await page.getByTestId('progress-text').textContent()).toMatch(
      /^Waiting for the file: its upload link works until .+\. A job whose file has not come 15 minutes after that is marked failed\.$/,
    );

    await ageImportJob(h.stockroom, id);
    await page.reload();
    // Its link has expired, the expirer has not come by yet: the times shown are in the past, and say so.
    await expect
      .poll(() => page.getByTestId('progress-text').textContent(), WAIT)
      .toMatch(/^Waiting for the file: its upload link expired at .+\. Unless an upload started before then arrives/);
    const row = page.locator(`table tr[data-import="${id}"]`);
    await expect.poll(() => row.getByTestId('upload-expiry').textContent(), WAIT).toMatch(/^link expired \S/);

    // Refresh keeps the rows on screen while the history is read again (a slow answer here).
    await page.route(/\/graphql$/, async (route) => {
      if (route.request().postData()?.includes('customerImports')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    expect(await row.isVisible()).toBe(true);
    expect(await page.getByText('Loading import jobs').count()).toBe(0);
    await page.unroute(/\/graphql$/);

    expect(await h.stockroom.runFunction('import-expirer')).toMatchObject({ expired: 1 });
    const failure = page.getByTestId('failure');
    await failure.waitFor(WAIT);
    expect(await failure.textContent()).toContain('The file was not imported: no file arrived before the upload link expired');
    expect(await failure.textContent()).toContain('Nothing was written. Start a new import to upload the file.');
    expect(await job.getAttribute('data-status')).toBe('FAILED');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
