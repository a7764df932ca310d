/**
 * The parser stage on its own, over a file on disk: csv-parse bare (the raw parser the target is
 * measured against) and with the options the ingest used when it ran on csv-parse, two other
 * parsers (papaparse, csv-parser) on the same bytes, the ingest's own reader (`readCustomerCsv`
 * over the record splitter, csv/records.ts) and its parse-and-validate path (reader → `validateBatch`, no DynamoDB).
 * Each returns the data rows it saw, so a caller can check they agree.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import csvParser from 'csv-parser';
import Papa from 'papaparse';
import { readCustomerCsv } from '../../functions/customer-ingest/csv/parse-stream.js';
import { validateBatch } from '../../functions/customer-ingest/job/validate-batch.js';
import type { Measurement } from '../report.js';

export function measurement(name: string, rows: number, seconds: number): Measurement {
  return { name, requests: rows, seconds, throughput: rows / seconds, p50Ms: 0, p95Ms: 0 };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const t = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - t) / 1000 };
}

/**
 * Counts a parser's records the fastest way a stream can be read: drained with `read()` on each
 * `readable` (one wake-up per buffer, as the ingest's reader does), not one `for await` step per record.
 */
function drainCount(stream: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    let records = 0;
    stream.on('readable', () => {
      while (stream.read() !== null) records += 1;
    });
    stream.on('end', () => resolve(records));
    stream.on('error', reject);
  });
}

export async function csvParseBare(file: string): Promise<number> {
  return (await drainCount(createReadStream(file).pipe(parse({ bom: true, relax_column_count: true })))) - 1;
}

/** csv-parse with what the ingest needs of a parser (byte offsets and raw lines for checkpoints and the error report): what it ran on before its own splitter. */
export async function csvParseAsIngest(file: string): Promise<number> {
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  return (await drainCount(createReadStream(file).pipe(parser))) - 1;
}

export async function papaparseStream(file: string): Promise<number> {
  return (await drainCount(createReadStream(file).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true })))) - 1;
}

export async function csvParserStream(file: string): Promise<number> {
  return drainCount(createReadStream(file).pipe(csvParser()));
}

/** The job's batch size (runImport's default). */
const BATCH_ROWS = 100;

/** The ingest's parse and validate stage, exactly as the job calls it (reader batches → validateBatch), minus the writes. */
export async function parseAndValidate(file: string, withoutPhone = false): Promise<number> {
  let valid = 0;
  const reader = readCustomerCsv(createReadStream(file));
  for await (const batch of reader.batches(BATCH_ROWS)) {
    const rows = withoutPhone ? batch.map((r) => (r.kind === 'row' ? { ...r, values: { ...r.values, phone: '' } } : r)) : batch;
    const context = { importId: 'bench', layout: await reader.layout(), lastModified: '2024-01-01T00:00:00.000Z' };
    valid += validateBatch(rows, context).valid.length;
  }
  return valid;
}

/** The same, its phone column left out: what the phone normalisation (libphonenumber-js) costs. */
export async function parseAndValidateWithoutPhone(file: string): Promise<number> {
  return parseAndValidate(file, true);
}

/** The ingest's reader alone (readCustomerCsv: the record splitter, offsets, row numbering, batches), no validation. */
export async function readRowsOnly(file: string): Promise<number> {
  let rows = 0;
  for await (const batch of readCustomerCsv(createReadStream(file)).batches(BATCH_ROWS))
    for (const row of batch) if (row.kind === 'row') rows += 1;
  return rows;
}

export interface ParsingFigures {
  readonly measurements: Measurement[];
  /** csv-parse with its defaults: "the raw parser alone". */
  readonly rawParserSeconds: number;
  /** readCustomerCsv → validateRow, the dry run's code path without DynamoDB. */
  readonly stageSeconds: number;
}

/** Rounds of every run, interleaved; each figure is the median round (`BENCH_PARSE_ROUNDS`, default 3). */
const ROUNDS = Number(process.env['BENCH_PARSE_ROUNDS'] ?? '3');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Every parser and stage over `file` (`rows` data rows, all valid), each checked to see them all.
 * The runs are interleaved round by round, so a change in the machine's load or the JIT's state
 * weighs on each alike, and each figure is its median round.
 */
export async function measureParsing(file: string, rows: number): Promise<ParsingFigures> {
  const runs = [
    ['csv-parse 7, bare (the raw parser)', csvParseBare],
    ['csv-parse 7 with offsets and raw lines (info, raw, relax, skip errors)', csvParseAsIngest],
    ['papaparse 5, NODE_STREAM_INPUT', papaparseStream],
    ['csv-parser 3', csvParserStream],
    ['readCustomerCsv alone (the ingest reader: its own record splitter, no validation)', readRowsOnly],
    ['parse and validate without the phone column', parseAndValidateWithoutPhone],
    ['parse and validate stage (readCustomerCsv batches → validateBatch), the dry run without DynamoDB', parseAndValidate],
  ] as const;
  const seconds = runs.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round += 1)
    for (const [i, [name, run]] of runs.entries()) {
      const timing = await timed(() => run(file));
      if (timing.result !== rows) throw new Error(`${name} saw ${timing.result} of ${rows} rows`);
      seconds[i]!.push(timing.seconds);
    }
  const medians = seconds.map(median);
  return {
    measurements: runs.map(([name], i) => measurement(`${name}, ${rows} rows (median of ${ROUNDS})`, rows, medians[i]!)),
    rawParserSeconds: medians[runs.findIndex(([, run]) => run === csvParseBare)]!,
    stageSeconds: medians[runs.findIndex(([, run]) => run === parseAndValidate)]!,
  };
}
