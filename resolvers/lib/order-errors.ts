/** The ValidationError of an order request: every violation listed, the first also as `field`. */
import { util } from '@aws-appsync/utils';
import type { Violation } from '../../model/orders/validation';

export function failValidation(violations: Violation[]): never {
  const first = violations[0] as Violation;
  const message = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
  return util.error(`Invalid order: ${message}`, 'ValidationError', null, { field: first.field, violations });
}
