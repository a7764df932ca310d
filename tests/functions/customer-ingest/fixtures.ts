/**
 * A generated customer file of every kind the ingest must cope with: BOM, header aliases, `;`
 * delimiter, quoted delimiters/quotes/newlines, 2 % bad rows of every kind (bad id, bad email,
 * bad phone, bad timestamp, wrong field count), duplicate ids with older and newer `updated_at`,
 * and rows without `updated_at`. `expected` is what a correct import ends with.
 */
export interface GeneratedFile {
  readonly text: string;
  readonly dataRows: number;
  readonly invalidRows: number;
  /** Valid rows that lose to a newer (or equal) row of the same customer in the file. */
  readonly olderRows: number;
  /** customer id → email and updatedAt (null: the object's LastModified) the newest row gives. */
  readonly expected: ReadonlyMap<string, { email: string; firstName: string; updatedAt: string | null }>;
}

const BAD_KINDS = [
  (i: number) => `bad id ${i};x${i}@example.com;A;B;+14155552671;2024-01-01T00:00:00Z`,
  (i: number) => `cus_bad${i};not-an-email;A;B;+14155552671;2024-01-01T00:00:00Z`,
  (i: number) => `cus_bad${i};b${i}@example.com;A;B;12345;2024-01-01T00:00:00Z`,
  (i: number) => `cus_bad${i};b${i}@example.com;A;B;+14155552671;yesterday`,
  (i: number) => `cus_bad${i};b${i}@example.com;A;B`,
];

export function generateCustomerFile(rows: number, options: { seed?: string } = {}): GeneratedFile {
  const seed = options.seed ?? 'a';
  const lines = ['\uFEFFCustomer ID ; E-Mail;Given Name;surname;Phone Number;updatedAt'];
  const expected = new Map<string, { email: string; firstName: string; updatedAt: string | null }>();
  let invalid = 0;
  let older = 0;
  for (let i = 1; i <= rows; i += 1) {
    if (i % 50 === 0) {
      lines.push(BAD_KINDS[(i / 50) % BAD_KINDS.length]!(i));
      invalid += 1;
      continue;
    }
    // Every 10th row repeats the customer of the row before: alternately older and newer.
    const duplicate = i % 10 === 0;
    const n = duplicate ? i - 1 : i;
    const id = `cus_${seed}${n}`;
    const newer = duplicate && i % 20 === 0;
    // No updated_at (the file's LastModified) only where no duplicate follows: LastModified is newer than any of them.
    const updatedAt =
      i % 7 === 0 && !duplicate && (i + 1) % 10 !== 0 ? null : `2024-01-${newer ? '03' : duplicate ? '01' : '02'}T10:00:00Z`;
    const firstName = i % 3 === 0 ? `Jo "${i}", Jr\nthe ${duplicate ? 'second' : 'first'}` : `Name${i}`;
    const email = `User${n}.${duplicate ? 'dup' : 'one'}@Example.com`;
    const quoted = `"${firstName.replace(/"/g, '""')}"`;
    lines.push(`${id};${email};${quoted};Last;+1 415 555 ${String(2000 + (i % 7000)).padStart(4, '0')};${updatedAt ?? ''}`);
    const before = expected.get(id);
    const entry = { email: email.toLowerCase(), firstName, updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString() };
    if (!before) expected.set(id, entry);
    else if (newer) expected.set(id, entry);
    else older += 1;
  }
  return { text: `${lines.join('\r\n')}\r\n`, dataRows: rows, invalidRows: invalid, olderRows: older, expected };
}
