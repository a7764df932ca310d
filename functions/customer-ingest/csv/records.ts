/**
 * CSV bytes → records, with what the job needs and general parsers make expensive: each record's
 * text as written (for the error report) and the byte offset where it ends (for checkpoints).
 *
 * It scans bytes, not characters: the delimiter, the quote and the line endings are ASCII bytes,
 * and UTF-8 never uses those values inside a multi-byte character, so record and field boundaries
 * are found without decoding; each record is then decoded once. Offsets are exact byte counts
 * whatever the text holds.
 *
 * The dialect (RFC 4180 as spreadsheets write it, made forgiving where files in the wild are not):
 * - a field that starts with `"` is quoted; `""` inside it is a quote; it may hold delimiters and
 *   line endings;
 * - a quote anywhere else is text (`O"Brien`), and so is a quoted field followed by anything but a
 *   delimiter or a line ending (`"abc"def` is the text `"abc"def`);
 * - `\n`, `\r\n` and a lone `\r` all end a record, mixed in one file if need be;
 * - empty lines are skipped; a UTF-8 BOM at the start of the file is skipped;
 * - a quoted field still open when the file ends makes the rest of the file one malformed record;
 * - a record longer than `maxRecordBytes` (a quote that is never closed, in practice) stops the
 *   file: the rest cannot be split into records.
 * The field count is not checked here: the reader compares it with the header.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;

export type CsvRecord =
  /** `raw` is the record's text without its line ending; `end` the absolute offset after the line ending. */
  | { readonly kind: 'record'; readonly fields: string[]; readonly raw: string; readonly end: number }
  | { readonly kind: 'malformed'; readonly raw: string; readonly reason: string; readonly end: number }
  /** The record starting at `start` is longer than `maxRecordBytes`: nothing after it is read. */
  | { readonly kind: 'too-long'; readonly start: number };

export interface SplitterOptions {
  /** The delimiter, one ASCII character (`,` or `;`). */
  readonly delimiter: string;
  /** Absolute offset of the first byte pushed (a resumed job reads a range). Default 0. */
  readonly startOffset?: number;
  /** Skip a UTF-8 BOM at the first byte: only where the file itself starts. */
  readonly bom: boolean;
  readonly maxRecordBytes: number;
}

/** Returned by the record scanner when the bytes so far end inside the record. */
const INCOMPLETE = -1;

/** Field bounds of one record: start, end, and whether its `""` must be unescaped. */
interface FieldBounds {
  starts: number[];
  ends: number[];
  escaped: boolean[];
  count: number;
}

export class CsvRecordSplitter {
  private readonly delimiter: number;
  private readonly maxRecordBytes: number;
  /** Bytes of the record not yet complete, kept for the next push. */
  private pending: Buffer = Buffer.alloc(0);
  /** Absolute offset of `pending[0]`. */
  private offset: number;
  private bomPending: boolean;
  private stopped = false;
  private readonly bounds: FieldBounds = { starts: [], ends: [], escaped: [], count: 0 };

  constructor(options: SplitterOptions) {
    if (options.delimiter.length !== 1 || options.delimiter.charCodeAt(0) > 0x7f)
      throw new Error('the delimiter must be one ASCII character');
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxRecordBytes = options.maxRecordBytes;
    this.offset = options.startOffset ?? 0;
    this.bomPending = options.bom;
  }

  /** The records completed by `chunk`, in order. After a `too-long` record, nothing more. */
  push(chunk: Buffer): CsvRecord[] {
    if (this.stopped) return [];
    return this.split(this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]), false);
  }

  /** The file has ended: the last record, if it had no line ending. */
  end(): CsvRecord[] {
    if (this.stopped) return [];
    return this.split(this.pending, true);
  }

  private split(buf: Buffer, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let pos = 0;
    if (this.bomPending) {
      const prefix = Math.min(buf.length, BOM.length);
      const isBomSoFar = BOM.slice(0, prefix).every((byte, i) => buf[i] === byte);
      if (isBomSoFar && prefix < BOM.length && !final) return this.keep(buf, 0, out);
      if (isBomSoFar && prefix === BOM.length) pos = BOM.length;
      this.bomPending = false;
    }
    const length = buf.length;
    while (pos < length) {
      const byte = buf[pos];
      // An empty line: skipped (a `\r` at the end of the bytes may be the start of `\r\n`).
      if (byte === LF) {
        pos += 1;
        continue;
      }
      if (byte === CR) {
        if (pos + 1 < length) pos += buf[pos + 1] === LF ? 2 : 1;
        else if (final) pos += 1;
        else break;
        continue;
      }
      const next = this.record(buf, pos, final, out);
      if (next === INCOMPLETE) break;
      if (out[out.length - 1]?.kind === 'too-long') return out;
      pos = next;
    }
    return this.keep(buf, pos, out);
  }

  /** Keeps the bytes from `pos` for the next push; a record that already grew too long stops the file. */
  private keep(buf: Buffer, pos: number, out: CsvRecord[]): CsvRecord[] {
    this.offset += pos;
    this.pending = buf.subarray(pos);
    if (this.pending.length > this.maxRecordBytes) this.stop(out, this.offset);
    return out;
  }

  private stop(out: CsvRecord[], start: number): void {
    this.stopped = true;
    this.pending = Buffer.alloc(0);
    out.push({ kind: 'too-long', start });
  }

  /**
   * Scans the record starting at `start` (not an empty line) and appends it to `out`; returns the
   * position after its line ending, or INCOMPLETE when the bytes end inside it and more may come.
   */
  private record(buf: Buffer, start: number, final: boolean, out: CsvRecord[]): number {
    const length = buf.length;
    const delimiter = this.delimiter;
    const bounds = this.bounds;
    bounds.count = 0;
    let p = start;
    for (;;) {
      const fieldStart = p;
      let quoted = false;
      let escaped = false;
      if (p < length && buf[p] === QUOTE) {
        let q = p + 1;
        for (;;) {
          q = buf.indexOf(QUOTE, q);
          if (q < 0 || (q + 1 === length && !final)) {
            if (!final) return INCOMPLETE;
            if (length - start > this.maxRecordBytes) {
              this.stop(out, this.offset + start);
              return length;
            }
            out.push({
              kind: 'malformed',
              raw: buf.toString('utf8', start, length),
              reason: 'malformed CSV: a quoted field is never closed (the file ends inside it)',
              end: this.offset + length,
            });
            return length;
          }
          if (buf[q + 1] === QUOTE) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        const after = q + 1;
        const next = after < length ? buf[after] : -1;
        if (next === delimiter || next === LF || next === CR || next === -1) {
          quoted = true;
          this.addField(fieldStart + 1, q, escaped);
          p = after;
        } else p = after; // Text after the closing quote: the whole field is text, read on as unquoted.
      }
      if (!quoted) {
        let byte: number | undefined;
        while (p < length && (byte = buf[p]) !== delimiter && byte !== LF && byte !== CR) p += 1;
        this.addField(fieldStart, p, false);
      }
      if (p - start > this.maxRecordBytes) {
        this.stop(out, this.offset + start);
        return p;
      }
      if (p >= length) {
        if (!final) return INCOMPLETE;
        this.emit(buf, start, p, p, out);
        return p;
      }
      const byte = buf[p];
      if (byte === delimiter) {
        p += 1;
        continue;
      }
      // A line ending; `\r` as the last byte so far may be the start of `\r\n`.
      if (byte === CR && p + 1 === length && !final) return INCOMPLETE;
      const end = byte === CR && buf[p + 1] === LF ? p + 2 : p + 1;
      this.emit(buf, start, p, end, out);
      return end;
    }
  }

  private addField(start: number, end: number, escaped: boolean): void {
    const b = this.bounds;
    b.starts[b.count] = start;
    b.ends[b.count] = end;
    b.escaped[b.count] = escaped;
    b.count += 1;
  }

  /** Decodes the record once; its fields are cut from that text when it is ASCII, else decoded each. */
  private emit(buf: Buffer, start: number, textEnd: number, end: number, out: CsvRecord[]): void {
    const raw = buf.toString('utf8', start, textEnd);
    const ascii = raw.length === textEnd - start;
    const b = this.bounds;
    const fields = new Array<string>(b.count);
    for (let i = 0; i < b.count; i += 1) {
      const value = ascii ? raw.slice(b.starts[i]! - start, b.ends[i]! - start) : buf.toString('utf8', b.starts[i], b.ends[i]);
      fields[i] = b.escaped[i] ? value.replaceAll('""', '"') : value;
    }
    out.push({ kind: 'record', fields, raw, end: this.offset + end });
  }
}
