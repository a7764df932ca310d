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

/** The record's text without its line ending (`\n`, `\r\n` or `\r`), for the error report. */
function withoutLineEnd(raw: string): string {
  let end = raw.length;
  if (raw.charCodeAt(end - 1) === 0x0a) end -= 1;
  if (raw.charCodeAt(end - 1) === 0x0d) end -= 1;
  return end === raw.length ? raw : raw.slice(0, end);
}

type ParserItem = { record: string[]; info: Info; raw: string };

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
   * Drains the parser synchronously (`read()` until it is empty) and waits only when it has
   * nothing buffered: one await per parser buffer instead of one per row, which halves the
   * reader's cost. The parser's buffer stays bounded, so the body is still paused while the
   * caller works on a batch.
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
        max_record_size: MAX_RECORD_BYTES,
      });
      // Errors that skip a record arrive as events, ahead of the records still buffered: ordered by offset.
      const skipped: { bytes: number; raw: string; reason: string; fatal: boolean }[] = [];
      // Set by a record too long to be a row: the body is not read any further.
      let broken = false;
      parser.on('skip', (error: CsvError & { raw?: string; bytes?: number }) => {
        const fatal = error.code === 'CSV_MAX_RECORD_SIZE';
        skipped.push({ bytes: error.bytes ?? 0, raw: fatal ? '' : (error.raw ?? ''), reason: `malformed CSV: ${error.message}`, fatal });
        if (fatal && !broken) {
          broken = true;
          input.unpipe(parser);
          input.destroy();
          notify();
        }
      });
      let fatal: ImportFileError | undefined;
      let ended = false;
      let failure: { error: unknown } | undefined;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        const resolve = wake;
        wake = undefined;
        resolve?.();
      };
      parser.on('readable', notify);
      parser.on('end', () => {
        ended = true;
        notify();
      });
      parser.on('error', (error: unknown) => {
        failure ??= { error };
        notify();
      });
      const input = Readable.from(
        (async function* () {
          if (head.length > 0) yield head;
          if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        })(),
      );
      input.on('error', (error) => parser.destroy(error)).pipe(parser);

      if (layout) resolveLayout({ ...layout, headerEndOffset: base });
      let out: ParsedRow[] = [];
      const flushSkipped = (upTo: number): void => {
        while (!fatal && skipped.length > 0 && base + skipped[0]!.bytes <= upTo) {
          const bad = skipped.shift()!;
          row += 1;
          if (bad.fatal) {
            fatal = new ImportFileError(
              `row ${row} is longer than ${MAX_RECORD_BYTES / 1024} KiB, most likely a quote that is never closed: ` +
                'the rest of the file cannot be read (the rows before it were imported)',
            );
            return;
          }
          out.push({ kind: 'malformed', row, raw: bad.raw, reason: bad.reason, endOffset: base + bad.bytes });
        }
      };
      for (;;) {
        if (failure) throw failure.error;
        let item: ParserItem | null;
        while (!fatal && out.length < maxRows && (item = parser.read() as ParserItem | null) !== null) {
          const endOffset = base + item.info.bytes;
          if (!layout) {
            const header = mapHeader(item.record);
            if (!header.ok) throw new ImportFileError(header.reason);
            layout = { columns: header.columns, delimiter };
            mapped = mappedColumns(layout.columns);
            row = 1;
            resolveLayout({ ...layout, headerEndOffset: endOffset });
            continue;
          }
          flushSkipped(endOffset);
          if (fatal) break;
          row += 1;
          const raw = withoutLineEnd(item.raw);
          if (item.record.length !== layout.columns.length) {
            const reason = `expected ${layout.columns.length} fields, found ${item.record.length}`;
            out.push({ kind: 'malformed', row, raw, reason, endOffset });
            continue;
          }
          out.push({ kind: 'row', row, values: valuesOf(item.record, mapped), raw, endOffset });
        }
        if (fatal) break;
        if (out.length >= maxRows) {
          const full = out;
          out = [];
          yield full;
          continue;
        }
        if (ended || broken) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          // Events that came while the batch was handed out must not be waited for again.
          if (ended || broken || failure || parser.readableLength > 0) notify();
        });
      }
      if (!layout) throw new ImportFileError('the file has no header row');
      flushSkipped(Number.POSITIVE_INFINITY);
      if (fatal) {
        // The rows before the broken record are handed out first: they are sound.
        if (out.length > 0) yield out;
        throw fatal;
      }
      // A trailing skip can make the last batch one or two rows longer than maxRows: harmless.
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
