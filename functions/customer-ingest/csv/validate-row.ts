/**
 * One data row → a customer, or the reasons it is invalid (each naming its column). Pure: the
 * import job and the dry run share it, and its table tests are the spec of what a row may hold.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { CustomerColumn } from './columns.js';

/** The order's customer id format (docs/orders.md): customers imported here can place orders. */
const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;
/** Pragmatic address check (RFC 5321 lengths, one @, a dotted domain): not a mailbox probe. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const MAX_NAME = 100;
/** ISO 8601 date-time with a zone, or a plain date (taken as UTC midnight); the parts captured. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2})))?$/i;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type RowValues = Partial<Record<CustomerColumn, string>>;

export interface ValidCustomer {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly phone: string | null;
  /** ISO 8601 UTC (`toISOString`), so stored values compare as strings; null: take the file's LastModified. */
  readonly updatedAt: string | null;
}

export interface RowProblem {
  readonly column: CustomerColumn | '';
  readonly reason: string;
}

export type RowResult = { readonly ok: true; readonly customer: ValidCustomer } | { readonly ok: false; readonly problems: RowProblem[] };

export interface ValidateOptions {
  /** Country for numbers written without `+` (e.g. `US`); without it those numbers are invalid. */
  readonly defaultCountry?: CountryCode;
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

/** Lowercased: addresses are matched case-insensitively everywhere we look them up. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return undefined;
  const local = email.slice(0, email.indexOf('@'));
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return email;
}

export function normalisePhone(raw: string, options: ValidateOptions = {}): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, options.defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * To UTC `toISOString` form (milliseconds; finer digits are cut). Calendar-checked: `Date.parse`
 * would roll 2024-02-30 over to March 1st, a date nobody wrote. Built by hand when already in UTC,
 * because `toISOString` is most of this function's cost on a million rows.
 */
export function normaliseTimestamp(raw: string): string | undefined {
  const m = ISO_DATE_TIME.exec(raw);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  if (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  if (offsetMinutes === 0) return `${m[1]}-${m[2]}-${m[3]}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}Z`;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000).toISOString();
}

/** The name columns' check: null when the name is fine. */
function nameProblem(column: 'first_name' | 'last_name', value: string): RowProblem | null {
  return value.length > MAX_NAME ? { column, reason: `${column} is longer than ${MAX_NAME} characters` } : null;
}

export function validateRow(values: RowValues, options: ValidateOptions = {}): RowResult {
  // Written out column by column, allocating nothing for a valid row but its customer: this runs
  // once per row of every file (docs/customers.md § Parser).
  const problems: RowProblem[] = [];
  const id = text(values.customer_id);
  if (id === '') problems.push({ column: 'customer_id', reason: 'customer_id is empty' });
  else if (!CUSTOMER_ID.test(id)) problems.push({ column: 'customer_id', reason: 'customer_id must be 3-64 letters, digits, - or _' });

  const rawEmail = text(values.email);
  const email = rawEmail === '' ? undefined : normaliseEmail(rawEmail);
  if (rawEmail === '') problems.push({ column: 'email', reason: 'email is empty' });
  else if (!email) problems.push({ column: 'email', reason: 'email is not a valid address' });

  const firstName = text(values.first_name);
  const lastName = text(values.last_name);
  const firstNameProblem = nameProblem('first_name', firstName);
  if (firstNameProblem) problems.push(firstNameProblem);
  const lastNameProblem = nameProblem('last_name', lastName);
  if (lastNameProblem) problems.push(lastNameProblem);

  const rawPhone = text(values.phone);
  const phone = rawPhone === '' ? null : normalisePhone(rawPhone, options);
  if (phone === undefined) problems.push({ column: 'phone', reason: 'phone is not a valid number (write it as +<country code><number>)' });

  const rawUpdatedAt = text(values.updated_at);
  const updatedAt = rawUpdatedAt === '' ? null : normaliseTimestamp(rawUpdatedAt);
  if (updatedAt === undefined) problems.push({ column: 'updated_at', reason: 'updated_at is not an ISO 8601 date-time' });

  if (problems.length > 0 || !email || phone === undefined || updatedAt === undefined) return { ok: false, problems };
  return { ok: true, customer: { id, email, firstName: firstName || null, lastName: lastName || null, phone, updatedAt } };
}
