import { describe, expect, it } from 'vitest';
import {
  ImportFileError,
  MAX_RECORD_BYTES,
  readCustomerCsv,
  type ParsedRow,
} from '../../../../functions/customer-ingest/csv/parse-stream.js';

/** Delivers the text in small chunks, as a network body would, cutting through characters. */
async function* chunks(input: Buffer | string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(input: Buffer | string): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of readCustomerCsv(chunks(input)).rows()) rows.push(row);
  return rows;
}

describe('customer CSV reader', () => {
  it('strips the BOM, maps aliases and reads quoted commas, quotes and newlines', async () => {
    const text = '\uFEFFID;E-Mail;Given Name\r\ncus_1;a@example.com;"Smith; ""Jo""\r\nJr"\r\ncus_2;b@example.com;Zoë\r\n';
    const rows = await readAll(text);
    expect(rows.map((r) => (r.kind === 'row' ? r.values : r))).toEqual([
      { customer_id: 'cus_1', email: 'a@example.com', first_name: 'Smith; "Jo"\r\nJr' },
      { customer_id: 'cus_2', email: 'b@example.com', first_name: 'Zoë' },
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('ends each row at its byte offset (a record boundary), counting multi-byte characters', async () => {
    const text = '\uFEFFid,email\nc_1,é@example.com\nc_2,b@example.com';
    const rows = await readAll(text);
    expect(rows.map((r) => r.endOffset)).toEqual([Buffer.byteLength('\uFEFFid,email\nc_1,é@example.com\n'), Buffer.byteLength(text)]);
  });

  it('resumes from a byte offset with the header it read the first time', async () => {
    const text = 'id,email\nc_1,a@example.com\nc_2,b@example.com\nc_3,c@example.com\n';
    const first = await readAll(text);
    const offset = first[0]!.endOffset;
    const resumed: ParsedRow[] = [];
    const reader = readCustomerCsv(chunks(Buffer.from(text).subarray(offset)), {
      byteOffset: offset,
      rowsBefore: first[0]!.row,
      columns: ['customer_id', 'email'],
      delimiter: ',',
    });
    for await (const row of reader.rows()) resumed.push(row);
    expect(resumed).toEqual(first.slice(1));
  });

  it.each([
    ['a row with too many fields', 'id,email\nc_1,a@example.com,extra\n', 'expected 2 fields, found 3'],
    ['an unterminated quote at the end', 'id,email\nc_1,"a@example.com\n', 'malformed CSV: a quoted field is never closed'],
  ])('reports %s as a malformed row and goes on', async (_name, text, reason) => {
    const rows = await readAll(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'malformed', row: 2 });
    expect(rows[0]!.kind === 'malformed' && rows[0]!.reason).toContain(reason);
  });

  it('keeps a stray quote inside an unquoted field as text', async () => {
    const rows = await readAll('id,first_name\nc_1,O"Brien\n');
    expect(rows[0]).toMatchObject({ kind: 'row', values: { first_name: 'O"Brien' } });
  });

  it.each([
    [
      'binary data',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'the file is not a CSV text file (it holds binary data)',
    ],
    ['invalid UTF-8', Buffer.from([0x69, 0x64, 0x2c, 0xff, 0xfe, 0x0a]), 'the file is not UTF-8 text'],
    ['an empty file', Buffer.from('\uFEFF\n'), 'the file is empty'],
    [
      'a header without customer_id',
      Buffer.from('email,name\na@example.com,A\n'),
      'the header has no customer_id column (found "email", "name")',
    ],
  ])('fails the whole file for %s', async (_name, input, reason) => {
    await expect(readAll(input)).rejects.toEqual(new ImportFileError(reason));
  });

  it('hands out full batches in file order, malformed records in their place, the last batch shorter', async () => {
    const lines = Array.from({ length: 23 }, (_, i) => (i === 9 ? `c_${i},a@example.com,extra` : `c_${i},a@example.com`));
    const text = `id,email\n${lines.join('\n')}\n`;
    const batches: ParsedRow[][] = [];
    // 5-byte chunks: every batch is assembled across many waits for the body.
    for await (const batch of readCustomerCsv(chunks(text, 5)).batches(5)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
    expect(batches.flat().map((r) => r.row)).toEqual(Array.from({ length: 23 }, (_, i) => i + 2));
    expect(batches.flat()[9]).toMatchObject({ kind: 'malformed', raw: 'c_9,a@example.com,extra' });
    expect(batches.flat()).toEqual(await readAll(text));
  });

  it('fails the file at a record too long to be a row (a quote never closed), after the rows before it, reading no further', async () => {
    const filler = `c_x,${'y'.repeat(60)}\n`.repeat(40_000); // 2.6 MB inside the unclosed quote
    const text = `id,email\nc_1,a@example.com\nc_2,"never closed\n${filler}`;
    let bytesPulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunks(text, 16 * 1024)) {
        bytesPulled += chunk.length;
        yield chunk;
      }
    }
    const seen: ParsedRow[] = [];
    const reading = (async () => {
      for await (const batch of readCustomerCsv(counted()).batches(100)) seen.push(...batch);
    })();
    await expect(reading).rejects.toEqual(
      new ImportFileError(
        `row 3 is longer than ${MAX_RECORD_BYTES / 1024} KiB, most likely a quote that is never closed: ` +
          'the rest of the file cannot be read (the rows before it were imported)',
      ),
    );
    expect(seen.map((r) => r.row)).toEqual([2]);
    expect(bytesPulled).toBeLessThan(Buffer.byteLength(text) / 4);
  });
});
