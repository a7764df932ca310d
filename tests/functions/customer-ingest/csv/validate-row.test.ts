import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone, normaliseTimestamp, validateRow } from '../../../../functions/customer-ingest/csv/validate-row.js';

const good = {
  customer_id: 'cus_001',
  email: 'Ada@Example.COM',
  first_name: ' Ada ',
  last_name: 'Lovelace',
  phone: '+44 20 7946 0958',
  updated_at: '2024-03-01T10:00:00+01:00',
};

describe('customer row validation', () => {
  it('normalises a valid row', () => {
    expect(validateRow(good)).toEqual({
      ok: true,
      customer: {
        id: 'cus_001',
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        phone: '+442079460958',
        updatedAt: '2024-03-01T09:00:00.000Z',
      },
    });
  });

  it('leaves optional fields null and updatedAt null when absent (the job takes LastModified)', () => {
    expect(validateRow({ customer_id: 'cus_002', email: 'b@example.org' })).toEqual({
      ok: true,
      customer: { id: 'cus_002', email: 'b@example.org', firstName: null, lastName: null, phone: null, updatedAt: null },
    });
  });

  it.each([
    [{ customer_id: '' }, 'customer_id', 'customer_id is empty'],
    [{ customer_id: 'a b' }, 'customer_id', 'customer_id must be 3-64 letters, digits, - or _'],
    [{ email: '' }, 'email', 'email is empty'],
    [{ email: 'not-an-email' }, 'email', 'email is not a valid address'],
    [{ email: 'a..b@example.com' }, 'email', 'email is not a valid address'],
    [{ phone: '12345' }, 'phone', 'phone is not a valid number (write it as +<country code><number>)'],
    [{ updated_at: 'yesterday' }, 'updated_at', 'updated_at is not an ISO 8601 date-time'],
    [{ first_name: 'x'.repeat(101) }, 'first_name', 'first_name is longer than 100 characters'],
  ])('rejects %j in %s', (override, column, reason) => {
    const result = validateRow({ ...good, ...override });
    expect(result).toEqual({ ok: false, problems: [{ column, reason }] });
  });

  it('reports every problem of a row', () => {
    const result = validateRow({ customer_id: '', email: 'x', phone: 'y' });
    expect(result.ok ? [] : result.problems.map((p) => p.column)).toEqual(['customer_id', 'email', 'phone']);
  });

  it.each([
    ['  Bob@Example.com ', 'bob@example.com'],
    ['first.last+tag@sub.example.co.uk', 'first.last+tag@sub.example.co.uk'],
    ['@example.com', undefined],
    ['a@b', undefined],
  ])('email %j → %j', (raw, email) => {
    expect(normaliseEmail(raw)).toBe(email);
  });

  it.each([
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['(415) 555-2671', undefined, undefined],
    ['+33 6 12 34 56 78', undefined, '+33612345678'],
  ] as const)('phone %j (default country %j) → %j', (raw, country, phone) => {
    expect(normalisePhone(raw, { defaultCountry: country })).toBe(phone);
  });

  it.each([
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02 03:04:05+02:00', '2024-01-02T01:04:05.000Z'],
    ['2024-01-02t03:04:05.1234z', '2024-01-02T03:04:05.123Z'],
    ['2024-03-01T00:30:00+01:00', '2024-02-29T23:30:00.000Z'],
    ['2023-12-31T23:00:00-0130', '2024-01-01T00:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2024-01-02T03:04:05', undefined],
    ['02/01/2024', undefined],
    ['2023-02-29', undefined],
    ['2024-02-30T00:00:00Z', undefined],
    ['2024-13-01', undefined],
    ['2024-01-02T24:00:00Z', undefined],
    ['2024-01-02T03:60:00Z', undefined],
    ['2024-01-02T03:04:05+25:00', undefined],
  ])('timestamp %j → %j', (raw, iso) => {
    expect(normaliseTimestamp(raw)).toBe(iso);
  });
});
