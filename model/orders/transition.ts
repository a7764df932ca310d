/**
 * The conditional write of a status transition, as plain expression parts (the resolver turns the
 * values into DynamoDB attribute values). The condition is `status IN (allowed-from)`, narrowed to
 * `expectedStatus` when the caller gave one, so the database, not a prior read, decides.
 */
import { statusIndexPartition } from './keys.js';
import type { StatusChangeRecord } from './records.js';
import { ALLOWED_FROM, type OrderStatusName } from './status.js';

export interface PlainExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, unknown>;
}

export function transitionWrite(
  target: OrderStatusName,
  expected: OrderStatusName | null,
  change: StatusChangeRecord,
): { update: PlainExpression; condition: PlainExpression } {
  const from = ALLOWED_FROM[target];
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const placeholders = from.map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  let condition = `#status IN (${placeholders.join(', ')})`;
  if (expected) {
    condition = `${condition} AND #status = :expected`;
    values[':expected'] = expected;
  }
  return {
    update: {
      expression:
        'SET #status = :to, #updatedAt = :now, #gsi1pk = :statusIndex, #history = list_append(#history, :change), #version = #version + :one',
      expressionNames: {
        '#status': 'status',
        '#updatedAt': 'updatedAt',
        '#gsi1pk': 'gsi1pk',
        '#history': 'statusHistory',
        '#version': 'version',
      },
      expressionValues: { ':to': target, ':now': change.at, ':statusIndex': statusIndexPartition(target), ':change': [change], ':one': 1 },
    },
    condition: { expression: condition, expressionNames: names, expressionValues: values },
  };
}
