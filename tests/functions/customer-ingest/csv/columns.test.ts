import { describe, expect, it } from 'vitest';
import { canonicalColumn, mapHeader } from '../../../../functions/customer-ingest/csv/columns.js';
import { detectDelimiter } from '../../../../functions/customer-ingest/csv/delimiter.js';

describe('customer CSV header columns', () => {
  it.each([
    ['customer_id', 'customer_id'],
    [' Customer ID ', 'customer_id'],
    ['customerId', 'customer_id'],
    ['ID', 'customer_id'],
    ['E-Mail', 'email'],
    ['email_address', 'email'],
    ['firstname', 'first_name'],
    ['Given Name', 'first_name'],
    ['surname', 'last_name'],
    ['Family-Name', 'last_name'],
    ['Phone Number', 'phone'],
    ['mobile', 'phone'],
    ['updatedAt', 'updated_at'],
    ['Last Modified', 'updated_at'],
    ['loyalty_tier', null],
  ])('maps %j to %j', (header, column) => {
    expect(canonicalColumn(header)).toBe(column);
  });

  it('fails a header without a customer id column, naming what it found', () => {
    const result = mapHeader(['email', 'name']);
    expect(result).toEqual({ ok: false, reason: 'the header has no customer_id column (found "email", "name")' });
  });

  it('fails a header that names a column twice', () => {
    expect(mapHeader(['id', 'customer_id']).ok).toBe(false);
  });

  it('keeps unknown columns as null so positions stay aligned', () => {
    expect(mapHeader(['id', 'tier', 'email'])).toEqual({ ok: true, columns: ['customer_id', null, 'email'] });
  });
});

describe('delimiter detection from the header line', () => {
  it.each([
    ['customer_id,email,phone', ','],
    ['customer_id;email;phone', ';'],
    ['"id;x",email,phone', ','],
    ['"a,b";c;d', ';'],
    ['customer_id', ','],
  ])('%j → %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
