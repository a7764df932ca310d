import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isMovementReason, isReservationStatus, MOVEMENT_REASONS, RESERVATION_STATUSES } from '../../model/enums.js';
import { PROJECT_ROOT } from '../../build/bundle.js';

const schema = buildSchema(
  ['appsync-builtins.graphql', 'schema.graphql'].map((f) => readFileSync(join(PROJECT_ROOT, f), 'utf8')).join('\n'),
);

function schemaValues(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of schema.graphql`);
  return type
    .getValues()
    .map((v) => v.name)
    .sort();
}

describe('model/enums', () => {
  it.each([
    ['StockMovementReason', MOVEMENT_REASONS],
    ['ReservationStatus', RESERVATION_STATUSES],
  ])('%s holds exactly the values of the schema enum', (name, values) => {
    expect([...values].sort()).toEqual(schemaValues(name));
  });

  it.each([
    ['RECONCILED', true],
    ['EXPIRED', true],
    ['expired', false],
    ['', false],
    [7, false],
    [null, false],
  ])('isMovementReason(%j) is %s', (value, expected) => {
    expect(isMovementReason(value)).toBe(expected);
  });

  it.each([
    ['ACTIVE', true],
    ['CONFIRMED', true],
    ['RESERVED', false],
    [undefined, false],
  ])('isReservationStatus(%j) is %s', (value, expected) => {
    expect(isReservationStatus(value)).toBe(expected);
  });
});
