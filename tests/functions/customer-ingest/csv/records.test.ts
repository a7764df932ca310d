import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, type CsvRecord } from '../../../../functions/customer-ingest/csv/records.js';

interface Split {
  readonly records: CsvRecord[];
}

/** Splits `input` pushed in chunks of `size` bytes (cutting through characters and line endings). */
function split(
  input: string | Buffer,
  size: number,
  options: { delimiter?: string; bom?: boolean; startOffset?: number; max?: number } = {},
): Split {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const splitter = new CsvRecordSplitter({
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? true,
    startOffset: options.startOffset,
    maxRecordBytes: options.max ?? 64 * 1024,
  });
  const records: CsvRecord[] = [];
  for (let i = 0; i < bytes.length; i += size) records.push(...splitter.push(bytes.subarray(i, i + size)));
  records.push(...splitter.end());
  return { records };
}

/** Every chunk size from 1 byte to the whole input gives the same records. */
function splitEveryWay(input: string, options: Parameters<typeof split>[2] = {}): CsvRecord[] {
  const whole = split(input, Math.max(1, Buffer.byteLength(input)), options).records;
  for (let size = 1; size < Math.min(Buffer.byteLength(input), 40); size += 1) expect(split(input, size, options).records).toEqual(whole);
  return whole;
}

const fields = (records: CsvRecord[]): (string[] | string)[] => records.map((r) => (r.kind === 'record' ? r.fields : r.kind));

describe('CSV record splitter', () => {
  it.each([
    [
      'plain fields',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'no line ending at the end',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['CRLF, LF and a lone CR, mixed', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']]],
    ['empty lines skipped', '\n\na\r\n\r\n\rb\n\n', [['a'], ['b']]],
    ['empty fields and a trailing delimiter', ',a,,\n', [['', 'a', '', '']]],
    ['quoted delimiters, line endings and doubled quotes', '"a,b","c\r\nd","say ""hi"""\n', [['a,b', 'c\r\nd', 'say "hi"']]],
    ['an empty quoted field', '"",x\n', [['', 'x']]],
    ['a stray quote in an unquoted field is text', 'O"Brien,x"\n', [['O"Brien', 'x"']]],
    ['text after a closing quote makes the field text', '"abc"def,"g" ,h\n', [['"abc"def', '"g" ', 'h']]],
    ['a quoted field before the end of the file', 'a,"b"', [['a', 'b']]],
    ['multi-byte characters', 'Zoë,"Ünïcødé, 漢字",😀\n', [['Zoë', 'Ünïcødé, 漢字', '😀']]],
  ])('reads %s', (_name, input, expected) => {
    expect(fields(splitEveryWay(input))).toEqual(expected);
  });

  it('reads another delimiter, leaving commas as text', () => {
    expect(fields(splitEveryWay('a;b,c;"d;e"\n', { delimiter: ';' }))).toEqual([['a', 'b,c', 'd;e']]);
  });

  it("gives each record's text as written, without its line ending, and its end as a byte offset", () => {
    const input = '\uFEFFid,name\r\n\r\nc_1,"Zoë\nSmith"\nc_2,x';
    const records = splitEveryWay(input);
    expect(records.map((r) => r.kind !== 'too-long' && r.raw)).toEqual(['id,name', 'c_1,"Zoë\nSmith"', 'c_2,x']);
    expect(records.map((r) => r.kind !== 'too-long' && r.end)).toEqual([
      Buffer.byteLength('\uFEFFid,name\r\n'),
      Buffer.byteLength('\uFEFFid,name\r\n\r\nc_1,"Zoë\nSmith"\n'),
      Buffer.byteLength(input),
    ]);
  });

  it('skips the BOM only where asked, and counts offsets from where the range starts', () => {
    expect(fields(split('\uFEFFa\n', 2).records)).toEqual([['a']]);
    expect(fields(split('\uFEFFa\n', 2, { bom: false }).records)).toEqual([['\uFEFFa']]);
    expect(split('a\nb\n', 1, { bom: false, startOffset: 1000 }).records.map((r) => r.kind !== 'too-long' && r.end)).toEqual([1002, 1004]);
  });

  it('makes the rest of the file one malformed record when a quote never closes', () => {
    const records = splitEveryWay('a,b\nc,"d\ne,f\n');
    expect(records).toEqual([
      { kind: 'record', fields: ['a', 'b'], raw: 'a,b', end: 4 },
      { kind: 'malformed', raw: 'c,"d\ne,f\n', reason: 'malformed CSV: a quoted field is never closed (the file ends inside it)', end: 13 },
    ]);
  });

  it.each([
    ['an unclosed quote', 'a\n"never closed\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nmore\n'],
    ['an unquoted line', 'a\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nmore\n'],
  ])('stops at a record longer than the limit (%s), after the records before it', (_name, input) => {
    for (const size of [1, 5, 16, 1000]) {
      const { records } = split(input, size, { max: 32 });
      expect(records).toEqual([
        { kind: 'record', fields: ['a'], raw: 'a', end: 2 },
        { kind: 'too-long', start: 2 },
      ]);
    }
  });

  /**
   * The same records as csv-parse, the parser the ingest used before this one (with the options it
   * used), over random files of the characters that matter: delimiters, quotes, line endings,
   * spaces, multi-byte text. Where the two are meant to differ (a lone `\r`, text after a closing
   * quote, a quote never closed) the table above says what this one does, so those stay out of
   * the generated files.
   */
  it('splits random files as csv-parse does, with the same byte offsets', async () => {
    // mulberry32: every bit of its output is well mixed (a plain LCG's low bits repeat every few draws).
    let seed = 20261202;
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const unquoted = ['a', 'b', 'é', '漢', ' ', 'x"y', ''];
    const inQuotes = ['a', ',', '""', '\n', '\r\n', ';', 'é', ' '];
    const field = (): string =>
      random(3) === 0
        ? `"${Array.from({ length: random(5) }, () => inQuotes[random(inQuotes.length)]).join('')}"`
        : Array.from({ length: random(4) }, () => unquoted[random(unquoted.length)]).join('');
    for (let file = 0; file < 300; file += 1) {
      const lineEnd = random(2) === 0 ? '\n' : '\r\n';
      const lines = Array.from({ length: 1 + random(8) }, () =>
        random(6) === 0 ? '' : Array.from({ length: 1 + random(4) }, field).join(','),
      );
      const input = (random(2) === 0 ? '\uFEFF' : '') + lines.join(lineEnd) + (random(2) === 0 ? lineEnd : '');
      const expected = await csvParse(input);
      const ours = split(input, 1 + random(12)).records.map((r) => (r.kind === 'record' ? { fields: r.fields, end: r.end } : r));
      expect(ours, JSON.stringify(input)).toEqual(expected);
    }
  });
});

async function csvParse(input: string): Promise<{ fields: string[]; end: number }[]> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  const out: { fields: string[]; end: number }[] = [];
  parser.on('readable', () => {
    let item: { record: string[]; info: { bytes: number } } | null;
    while ((item = parser.read() as typeof item) !== null) out.push({ fields: item.record, end: item.info.bytes });
  });
  const done = new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
  parser.end(input);
  await done;
  return out;
}
