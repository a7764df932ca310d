import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand, progressBar } from '../../../local/cli/import.js';
import { startStockroom, type Stockroom } from '../../../local/server/start.js';
import { dynamoEndpoint } from '../../setup/tables.js';

let s: Stockroom;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'stockroom-import-'));
  s = await startStockroom({
    dynamoEndpoint: dynamoEndpoint(),
    stage: `c${randomBytes(4).toString('hex')}`,
    port: 0,
    inMemory: true,
    demoData: false,
    stateDir,
    log: () => undefined,
  });
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('stockroom import', () => {
  it.each([
    [0, 10, '[----------]   0%'],
    [5, 10, '[#####-----]  50%'],
    [12, 10, '[##########] 100%'],
  ])('draws %i of %i as %j', (done, total, bar) => {
    expect(progressBar(done, total, 10)).toBe(bar);
  });

  it('uploads through startCustomerImport and follows the job to its end', async () => {
    const file = join(stateDir, 'people.csv');
    writeFileSync(file, 'id;email\ncus_cli1;a@example.com\ncus_cli2;broken\n');
    let out = '';
    const job = await importCommand([file], { stateDir, write: (t) => (out += t), pollMs: 100 });
    expect(job).toMatchObject({ status: 'COMPLETED', rowsRead: 2, rowsApplied: 1, rowsInvalid: 1 });
    expect(out).toContain('100%');
    expect(out).toContain('applied 1, skipped (not newer) 0, invalid 1');
    expect(s.connectionFile).toBe(join(stateDir, 'local.json'));
  }, 120_000);
});
