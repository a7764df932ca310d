/**
 * The parsing half of bench/customer-ingest.ts on its own (no DynamoDB, a few seconds): the raw
 * parser, two alternatives on the same bytes, the ingest's reader, and parse-and-validate with and
 * without the phone column, over a generated file of `BENCH_INGEST_PARSE_ROWS` rows (default 200,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCustomerFile } from './customer-ingest.js';
import { measureParsing } from './customer-ingest/parsers.js';
import type { BenchReport } from './report.js';

export async function run(): Promise<BenchReport> {
  const rows = Number(process.env['BENCH_INGEST_PARSE_ROWS'] ?? '200000');
  const dir = await mkdtemp(join(tmpdir(), 'stockroom-bench-parse-'));
  try {
    const file = join(dir, 'customers.csv');
    await writeCustomerFile(file, rows, 'cus_');
    // Once to warm the JIT, then measured.
    await measureParsing(file, rows);
    const { measurements, rawParserSeconds, stageSeconds } = await measureParsing(file, rows);
    return {
      title: 'Customer CSV parsing (no DynamoDB)',
      measurements,
      ratios: [{ name: 'parse-and-validate stage / raw parser', value: rawParserSeconds / stageSeconds, target: 0.5 }],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
