/**
 * The parser stage on its own, over a file on disk: csv-parse (the ingest's parser) bare and with
 * the ingest's options, two alternatives (papaparse, csv-parser) on the same bytes, and the
 * ingest's own parse-and-validate path (`readCustomerCsv` → `validateRow`, no DynamoDB).
 * Each returns the data rows it saw, so a caller can check they agree.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import csvParser from 'csv-parser';
import Papa from 'papaparse';
import { readCustomerCsv } from '../../functions/customer-ingest/csv/parse-stream.js';
import { validateRow } from '../../functions/customer-ingest/csv/validate-row.js';

export async function csvParseBare(file: string): Promise<number> {
  let records = 0;
  for await (const record of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) if (record) records += 1;
  return records - 1;
}

/** csv-parse as parse-stream.ts configures it (byte offsets and raw lines for checkpoints and the error report). */
export async function csvParseAsIngest(file: string): Promise<number> {
  let records = 0;
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  for await (const record of createReadStream(file).pipe(parser)) if (record) records += 1;
  return records - 1;
}

export async function papaparseStream(file: string): Promise<number> {
  let records = 0;
  const stream = createReadStream(file).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true }));
  for await (const record of stream) if (record) records += 1;
  return records - 1;
}

export async function csvParserStream(file: string): Promise<number> {
  let records = 0;
  for await (const record of createReadStream(file).pipe(csvParser())) if (record) records += 1;
  return records;
}

/** The ingest's parse and validate stage, exactly as the job calls it, minus the writes. */
export async function parseAndValidate(file: string): Promise<{ rows: number; valid: number }> {
  let rows = 0;
  let valid = 0;
  for await (const row of readCustomerCsv(createReadStream(file)).rows()) {
    rows += 1;
    if (row.kind === 'row' && validateRow(row.values).ok) valid += 1;
  }
  return { rows, valid };
}
