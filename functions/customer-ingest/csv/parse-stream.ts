/**
 * The customer CSV as a stream of rows: the object body is piped through `csv-parse` and read
 * with `for await`, so the parser pauses the body while rows are being written (backpressure:
 * memory stays constant whatever the file size).
 *
 * Before the parser starts, the first bytes are peeked: a file with NUL bytes or invalid UTF-8 is
 * not a CSV file (the job fails, nothing is written), and the header line decides the delimiter.
 * A resumed job (`resume`) reads a byte range that starts at a record boundary after the header,
 * with the header it read the first time.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row row 2
 * (a quoted newline does not start a new row). Each row carries the byte offset where it ends, so
 * a checkpoint can say where the next run starts.
 */
import { Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { mapHeader, type CustomerColumn } from './columns.js';
import { detectDelimiter, type Delimiter } from './delimiter.js';
import type { RowValues } from './validate-row.js';

/** The whole file is unusable: the job fails with this reason and writes nothing. */
export class ImportFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ImportFileError';
  }
}

export interface CsvLayout {
  readonly columns: (CustomerColumn | null)[];
  readonly delimiter: Delimiter;
}

export interface ResumePoint extends CsvLayout {
  /** Absolute offset in the object where the range starts. */
  readonly byteOffset: number;
  /** Rows (header included) before the offset. */
  readonly rowsBefore: number;
}

export type ParsedRow =
  | { readonly kind: 'row'; readonly row: number; readonly values: RowValues; readonly raw: string; readonly endOffset: number }
  | { readonly kind: 'malformed'; readonly row: number; readonly raw: string; readonly reason: string; readonly endOffset: number };

export interface CsvReader {
  /** Known once the header has been read (or from the resume point). */
  layout(): Promise<CsvLayout & { readonly headerEndOffset: number }>;
  rows(): AsyncGenerator<ParsedRow>;
}

const PEEK_BYTES = 64 * 1024;
const MIN_PROBE_BYTES = 4096;

async function* bytesOf(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of source)
    yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads until the first line ends (or PEEK_BYTES), checking that the bytes are UTF-8 text. */
async function peek(iterator: AsyncIterator<Buffer>): Promise<{ head: Buffer; done: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  let sawNewline = false;
  while (length < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
    sawNewline ||= next.value.includes(0x0a);
    // At least a few KiB: binary formats often have a newline byte early (PNG's signature does).
    if (sawNewline && length >= MIN_PROBE_BYTES) break;
  }
  const head = Buffer.concat(chunks, length);
  const probe = head.subarray(0, PEEK_BYTES);
  if (probe.includes(0x00)) throw new ImportFileError('the file is not a CSV text file (it holds binary data)');
  try {
    // `stream: true`: a character cut at the end of the probe is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(probe, { stream: true });
  } catch {
    throw new ImportFileError('the file is not UTF-8 text');
  }
  return { head, done };
}

function firstLine(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function valuesOf(record: string[], columns: readonly (CustomerColumn | null)[]): RowValues {
  const values: RowValues = {};
  for (const [i, column] of columns.entries()) if (column !== null && record[i] !== undefined) values[column] = record[i];
  return values;
}

export function readCustomerCsv(source: AsyncIterable<Uint8Array | string>, resume?: ResumePoint): CsvReader {
  let resolveLayout!: (layout: CsvLayout & { headerEndOffset: number }) => void;
  let rejectLayout!: (error: unknown) => void;
  const layoutPromise = new Promise<CsvLayout & { headerEndOffset: number }>((resolve, reject) => {
    resolveLayout = resolve;
    rejectLayout = reject;
  });
  // A reader that fails before anyone asked for the layout must not be an unhandled rejection.
  layoutPromise.catch(() => undefined);

  async function* rows(): AsyncGenerator<ParsedRow> {
    const iterator = bytesOf(source)[Symbol.asyncIterator]();
    const base = resume?.byteOffset ?? 0;
    let layout: CsvLayout | undefined = resume ? { columns: resume.columns, delimiter: resume.delimiter } : undefined;
    let row = resume?.rowsBefore ?? 0;
    try {
      const { head, done } = resume ? { head: Buffer.alloc(0), done: false } : await peek(iterator);
      if (
        !resume &&
        head
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trim() === ''
      )
        throw new ImportFileError('the file is empty');
      const delimiter = layout?.delimiter ?? detectDelimiter(firstLine(head));
      const parser = parse({
        bom: !resume,
        delimiter,
        info: true,
        raw: true,
        relax_column_count: true,
        // A stray quote inside an unquoted field is text, not the start of a quoted one.
        relax_quotes: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
      });
      // Errors that skip a record arrive as events, ahead of the records still buffered: ordered by offset.
      const skipped: { bytes: number; raw: string; reason: string }[] = [];
      parser.on('skip', (error: CsvError & { raw?: string; bytes?: number }) => {
        skipped.push({ bytes: error.bytes ?? 0, raw: error.raw ?? '', reason: `malformed CSV: ${error.message}` });
      });
      Readable.from(
        (async function* () {
          if (head.length > 0) yield head;
          if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        })(),
      )
        .on('error', (error) => parser.destroy(error))
        .pipe(parser);

      if (layout) resolveLayout({ ...layout, headerEndOffset: base });
      for await (const item of parser as AsyncIterable<{ record: string[]; info: Info; raw: string }>) {
        const endOffset = base + item.info.bytes;
        if (!layout) {
          const header = mapHeader(item.record);
          if (!header.ok) throw new ImportFileError(header.reason);
          layout = { columns: header.columns, delimiter };
          row = 1;
          resolveLayout({ ...layout, headerEndOffset: endOffset });
          continue;
        }
        while (skipped.length > 0 && base + skipped[0]!.bytes <= endOffset) {
          const bad = skipped.shift()!;
          row += 1;
          yield { kind: 'malformed', row, raw: bad.raw, reason: bad.reason, endOffset: base + bad.bytes };
        }
        row += 1;
        const raw = item.raw.replace(/\r?\n?$/, '').replace(/\r$/, '');
        if (item.record.length !== layout.columns.length) {
          const reason = `expected ${layout.columns.length} fields, found ${item.record.length}`;
          yield { kind: 'malformed', row, raw, reason, endOffset };
          continue;
        }
        yield { kind: 'row', row, values: valuesOf(item.record, layout.columns), raw, endOffset };
      }
      if (!layout) throw new ImportFileError('the file has no header row');
      for (const bad of skipped.splice(0)) {
        row += 1;
        yield { kind: 'malformed', row, raw: bad.raw, reason: bad.reason, endOffset: base + bad.bytes };
      }
    } catch (error) {
      rejectLayout(error);
      throw error;
    }
  }

  return { layout: () => layoutPromise, rows };
}
