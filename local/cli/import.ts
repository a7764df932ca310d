/**
 * `stockroom import <file.csv> [--dry-run]`: uploads a customer file the way the admin app does
 * (`startCustomerImport`, then a PUT to the presigned URL, streamed from disk) to the running local
 * Stockroom named by `<state dir>/local.json`, and follows the job on the terminal with a progress
 * bar by polling `customerImport` until it ends.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { uploadFileName } from '../../clients/imports/upload-name.js';
import { readConnectionFile } from '../services/connection-file.js';
import { parseFlags, UsageError } from './args.js';

interface Job {
  status: string;
  rowsRead: number;
  rowsTotal: number | null;
  rowsApplied: number;
  rowsSkippedOlder: number;
  rowsInvalid: number;
  rowsWouldCreate: number;
  rowsWouldUpdate: number;
  errorReportUrl: string | null;
  failureReason: string | null;
}

const JOB_FIELDS =
  'status rowsRead rowsTotal rowsApplied rowsSkippedOlder rowsInvalid rowsWouldCreate rowsWouldUpdate errorReportUrl failureReason';

export interface ImportCommandOptions {
  readonly stateDir: string;
  readonly write?: (text: string) => void;
  readonly pollMs?: number;
}

/** Rows the file likely holds (lines minus the header; quoted newlines over-count a little). */
async function estimateRows(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 0x0a) lines += 1;
  return Math.max(1, lines);
}

export function progressBar(done: number, total: number, width = 30): string {
  const ratio = Math.min(1, total > 0 ? done / total : 0);
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`;
}

export async function importCommand(argv: readonly string[], options: ImportCommandOptions): Promise<Job> {
  const [file, ...rest] = argv;
  if (!file || file.startsWith('--')) throw new UsageError('name the CSV file to import');
  const flags = parseFlags(rest, { 'dry-run': 'boolean', 'state-dir': 'string' });
  const facts = readConnectionFile(join(flags['state-dir'] ?? options.stateDir, 'local.json'));
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(facts.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: facts.adminToken },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
    return body.data;
  };
  const { size } = await stat(file);
  const started = await gql<{ startCustomerImport: { importId: string; uploadUrl: string } }>(
    'mutation Start($f: String!, $d: Boolean) { startCustomerImport(fileName: $f, dryRun: $d) { importId uploadUrl } }',
    { f: uploadFileName(basename(file)), d: flags['dry-run'] === true },
  );
  const { importId, uploadUrl } = started.startCustomerImport;
  const put = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(size), 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!put.ok) throw new Error(`upload failed: HTTP ${put.status} ${await put.text()}`);
  write(`import ${importId}: uploaded ${size} bytes${flags['dry-run'] ? ' (dry run)' : ''}\n`);
  const estimate = await estimateRows(file);
  for (;;) {
    const { customerImport: job } = await gql<{ customerImport: Job }>(
      `query Job($id: ID!) { customerImport(id: $id) { ${JOB_FIELDS} } }`,
      { id: importId },
    );
    const finished = job.status === 'COMPLETED' || job.status === 'FAILED';
    write(`\r${progressBar(finished ? 1 : job.rowsRead, finished ? 1 : estimate)} ${job.rowsRead} rows ${job.status}`);
    if (finished) {
      write('\n');
      if (job.status === 'FAILED') write(`failed: ${job.failureReason ?? 'unknown reason'}\n`);
      else
        write(
          `applied ${job.rowsApplied}, skipped (not newer) ${job.rowsSkippedOlder}, invalid ${job.rowsInvalid}` +
            `${flags['dry-run'] ? `, would create ${job.rowsWouldCreate}, would update ${job.rowsWouldUpdate}` : ''}\n` +
            (job.errorReportUrl ? `error report: ${job.errorReportUrl}\n` : ''),
        );
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
