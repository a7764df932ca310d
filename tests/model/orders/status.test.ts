import { describe, expect, it } from 'vitest';
import { ALLOWED_FROM, canTransition, ORDER_STATUSES, type OrderStatusName } from '../../../model/orders/status.js';
import { transitionWrite } from '../../../model/orders/transition.js';

const ALLOWED: [OrderStatusName, OrderStatusName][] = [
  ['PENDING', 'PAID'],
  ['PAID', 'SHIPPED'],
  ['SHIPPED', 'DELIVERED'],
  ['PENDING', 'CANCELED'],
  ['PAID', 'CANCELED'],
];

describe('order status machine', () => {
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatusName, OrderStatusName]));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.some(([f, t]) => f === from && t === to));
  });

  it('writes status IN (allowed-from), narrowed by expectedStatus', () => {
    const change = { status: 'CANCELED' as const, at: '2026-01-01T00:00:00.000Z', actor: 'admin:a', reason: 'r' };
    expect(transitionWrite('CANCELED', null, change).condition).toEqual({
      expression: '#status IN (:from0, :from1)',
      expressionNames: { '#status': 'status' },
      expressionValues: { ':from0': 'PENDING', ':from1': 'PAID' },
    });
    expect(transitionWrite('CANCELED', 'PAID', change).condition.expression).toBe('#status IN (:from0, :from1) AND #status = :expected');
    expect(ALLOWED_FROM.PENDING).toEqual([]);
  });
});
