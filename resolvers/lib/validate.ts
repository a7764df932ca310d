/** Input checks shared by resolvers. Each failure is a ValidationError naming the field. */
import { util } from '@aws-appsync/utils';
import { invalid } from './errors';

/** Product, warehouse and customer ids: letters, digits, `_` and `-`, 1–64 characters. */
export const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}';

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !util.matches(ID_PATTERN, value)) {
    return invalid(field, 'must be 1-64 letters, digits, "_" or "-", starting with a letter or digit');
  }
  return value;
}

export function requireInt(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.floor(value) !== value || value < min || value > max) {
    return invalid(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
