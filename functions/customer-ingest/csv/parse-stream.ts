/**
 * The customer CSV as a stream of rows: the object body's chunks go through the record splitter
 * (records.ts) one at a time, and the next chunk is pulled only once the rows of the last one have
 * been handed out, so the body waits while rows are being written (backpressure: memory stays
 * constant whatever the file size).
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
import { mapHeader, type CustomerColumn } from './columns.js';
import { detectDelimiter, type Delimiter } from './delimiter.js';
import { CsvRecordSplitter, type CsvRecord } from './records.js';
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
  /** The rows in file order, in batches of `maxRows` (the last one shorter). */
  batches(maxRows: number): AsyncGenerator<ParsedRow[]>;
  /** The same rows one at a time. */
  rows(): AsyncGenerator<ParsedRow>;
}

const DEFAULT_BATCH_ROWS = 100;

const PEEK_BYTES = 64 * 1024;
/**
 * No customer row is this long: a longer record is a quote that never closes, which would swallow
 * the rest of the file into one field (and into memory). The job fails there, with the row number.
 */
export const MAX_RECORD_BYTES = 64 * 1024;
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

/** Column positions that map to a customer column, computed once per file. */
function mappedColumns(columns: readonly (CustomerColumn | null)[]): [number, CustomerColumn][] {
  const mapped: [number, CustomerColumn][] = [];
  columns.forEach((column, i) => {
    if (column !== null) mapped.push([i, column]);
  });
  return mapped;
}

function valuesOf(record: readonly string[], mapped: readonly [number, CustomerColumn][]): RowValues {
  const values: RowValues = {};
  for (const [i, column] of mapped) {
    const value = record[i];
    if (value !== undefined) values[column] = value;
  }
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

  /**
   * Pulls a chunk of the body only when the rows of the previous one have been handed out: the
   * body is paused while the caller works on a batch (backpressure), and memory holds one chunk
   * and one batch whatever the file size.
   */
  async function* batches(maxRows: number): AsyncGenerator<ParsedRow[]> {
    const iterator = bytesOf(source)[Symbol.asyncIterator]();
    const base = resume?.byteOffset ?? 0;
    let layout: CsvLayout | undefined = resume ? { columns: resume.columns, delimiter: resume.delimiter } : undefined;
    let mapped = layout ? mappedColumns(layout.columns) : [];
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
      const splitter = new CsvRecordSplitter({ delimiter, startOffset: base, bom: !resume, maxRecordBytes: MAX_RECORD_BYTES });
      if (layout) resolveLayout({ ...layout, headerEndOffset: base });

      const out: ParsedRow[] = [];
      /** Turns records into rows; a record too long to be a row ends the file (ImportFileError). */
      const take = (records: readonly CsvRecord[]): void => {
        for (const record of records) {
          if (record.kind === 'too-long') {
            throw new ImportFileError(
              `row ${row + 1} is longer than ${MAX_RECORD_BYTES / 1024} KiB, most likely a quote that is never closed: ` +
                'the rest of the file cannot be read (the rows before it were imported)',
            );
          }
          if (!layout) {
            if (record.kind === 'malformed') throw new ImportFileError(`the header row cannot be read (${record.reason})`);
            const header = mapHeader(record.fields);
            if (!header.ok) throw new ImportFileError(header.reason);
            layout = { columns: header.columns, delimiter };
            mapped = mappedColumns(layout.columns);
            row = 1;
            resolveLayout({ ...layout, headerEndOffset: record.end });
            continue;
          }
          row += 1;
          if (record.kind === 'malformed')
            out.push({ kind: 'malformed', row, raw: record.raw, reason: record.reason, endOffset: record.end });
          else if (record.fields.length !== layout.columns.length) {
            const reason = `expected ${layout.columns.length} fields, found ${record.fields.length}`;
            out.push({ kind: 'malformed', row, raw: record.raw, reason, endOffset: record.end });
          } else out.push({ kind: 'row', row, values: valuesOf(record.fields, mapped), raw: record.raw, endOffset: record.end });
        }
      };
      /** Hands out the full batches in `out`, keeping the rest for the next chunk. */
      async function* full(): AsyncGenerator<ParsedRow[]> {
        while (out.length >= maxRows) yield out.splice(0, maxRows);
      }
      const chunks = (async function* () {
        if (head.length > 0) yield head;
        if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      })();
      try {
        for await (const chunk of chunks) {
          take(splitter.push(chunk));
          yield* full();
        }
        take(splitter.end());
      } catch (error) {
        // The rows before a broken record are handed out first: they are sound.
        if (error instanceof ImportFileError && layout) {
          yield* full();
          if (out.length > 0) yield out;
        }
        throw error;
      }
      if (!layout) throw new ImportFileError('the file has no header row');
      yield* full();
      if (out.length > 0) yield out;
    } catch (error) {
      rejectLayout(error);
      throw error;
    }
  }

  async function* rows(): AsyncGenerator<ParsedRow> {
    for await (const batch of batches(DEFAULT_BATCH_ROWS)) yield* batch;
  }

  return { layout: () => layoutPromise, batches, rows };
}
