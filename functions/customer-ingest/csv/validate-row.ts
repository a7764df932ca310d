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
/** ISO 8601 date-time with a zone, or a plain date (taken as UTC midnight). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

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

export function normaliseTimestamp(raw: string): string | undefined {
  if (!ISO_DATE_TIME.test(raw)) return undefined;
  const ms = Date.parse(raw.includes('T') || raw.length === 10 ? raw : raw.replace(' ', 'T'));
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}

export function validateRow(values: RowValues, options: ValidateOptions = {}): RowResult {
  const problems: RowProblem[] = [];
  const id = text(values.customer_id);
  if (id === '') problems.push({ column: 'customer_id', reason: 'customer_id is empty' });
  else if (!CUSTOMER_ID.test(id)) problems.push({ column: 'customer_id', reason: 'customer_id must be 3-64 letters, digits, - or _' });

  const rawEmail = text(values.email);
  const email = rawEmail === '' ? undefined : normaliseEmail(rawEmail);
  if (rawEmail === '') problems.push({ column: 'email', reason: 'email is empty' });
  else if (!email) problems.push({ column: 'email', reason: 'email is not a valid address' });

  const names: { column: 'first_name' | 'last_name'; value: string }[] = [
    { column: 'first_name', value: text(values.first_name) },
    { column: 'last_name', value: text(values.last_name) },
  ];
  for (const { column, value } of names)
    if (value.length > MAX_NAME) problems.push({ column, reason: `${column} is longer than ${MAX_NAME} characters` });

  const rawPhone = text(values.phone);
  const phone = rawPhone === '' ? null : normalisePhone(rawPhone, options);
  if (phone === undefined) problems.push({ column: 'phone', reason: 'phone is not a valid number (write it as +<country code><number>)' });

  const rawUpdatedAt = text(values.updated_at);
  const updatedAt = rawUpdatedAt === '' ? null : normaliseTimestamp(rawUpdatedAt);
  if (updatedAt === undefined) problems.push({ column: 'updated_at', reason: 'updated_at is not an ISO 8601 date-time' });

  if (problems.length > 0 || !email || phone === undefined || updatedAt === undefined) return { ok: false, problems };
  return {
    ok: true,
    customer: {
      id,
      email,
      firstName: names[0]!.value || null,
      lastName: names[1]!.value || null,
      phone,
      updatedAt,
    },
  };
}
