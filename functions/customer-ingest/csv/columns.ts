/**
 * Header columns of a customer CSV: the canonical names and the aliases people's exports use,
 * matched case-, whitespace- and punctuation-insensitively (`E-Mail`, ` First Name `, `customerId`).
 */
export const CUSTOMER_COLUMNS = ['customer_id', 'email', 'first_name', 'last_name', 'phone', 'updated_at'] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

/** Keys are squashed: lowercase letters and digits only. */
const ALIASES: Readonly<Record<string, CustomerColumn>> = {
  customerid: 'customer_id',
  id: 'customer_id',
  customer: 'customer_id',
  clientid: 'customer_id',
  externalid: 'customer_id',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  firstname: 'first_name',
  givenname: 'first_name',
  forename: 'first_name',
  fname: 'first_name',
  lastname: 'last_name',
  surname: 'last_name',
  familyname: 'last_name',
  lname: 'last_name',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  updatedat: 'updated_at',
  updated: 'updated_at',
  lastupdated: 'updated_at',
  modifiedat: 'updated_at',
  lastmodified: 'updated_at',
};

function squash(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The canonical column of a header cell, or null for a column we do not read. */
export function canonicalColumn(header: string): CustomerColumn | null {
  return ALIASES[squash(header)] ?? null;
}

export type HeaderResult =
  { readonly ok: true; readonly columns: (CustomerColumn | null)[] } | { readonly ok: false; readonly reason: string };

/** Maps a header row; fails (the whole file) without a customer_id column or with one column twice. */
export function mapHeader(cells: readonly string[]): HeaderResult {
  const columns = cells.map(canonicalColumn);
  const seen = new Set<CustomerColumn>();
  for (const [i, column] of columns.entries()) {
    if (column === null) continue;
    if (seen.has(column)) return { ok: false, reason: `the header names ${column} twice (column ${i + 1}: "${cells[i]}")` };
    seen.add(column);
  }
  if (!seen.has('customer_id')) {
    const found = cells
      .slice(0, 10)
      .map((c) => `"${c.slice(0, 40)}"`)
      .join(', ');
    return { ok: false, reason: `the header has no customer_id column (found ${found || 'nothing'})` };
  }
  return { ok: true, columns };
}
