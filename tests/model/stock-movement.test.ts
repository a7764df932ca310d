import { describe, expect, it } from 'vitest';
import { MAX_UNITS, RETENTION_SECONDS } from '../../model/retention.js';
import { movementUpdate, reconcileUpdate, terminalUpdate, upsertClauses } from '../../model/stock-movement.js';

const now = '2026-01-01T00:00:00.000Z';

describe('model/stock-movement', () => {
  describe('movementUpdate', () => {
    it.each([
      // reason, onHandDelta, reservedDelta, available delta, oversell guard (:need), onHand cap (:maxBefore), version bumped
      ['RESERVED', 0, 3, -3, 3, undefined, false],
      ['RELEASED', 0, -3, 3, undefined, undefined, false],
      ['EXPIRED', 0, -2, 2, undefined, undefined, false],
      ['CONFIRMED', -3, -3, 0, undefined, undefined, true],
      ['COMMITTED', -4, 0, -4, 4, undefined, true],
      ['RESTOCKED', 5, 0, 5, undefined, MAX_UNITS - 5, true],
    ] as const)(
      '%s (onHand %i, reserved %i) moves available by %i',
      (reason, onHandDelta, reservedDelta, availableDelta, need, maxBefore, versioned) => {
        const { update, condition } = movementUpdate({ reason, actor: 'partner:p1', reference: 'res_x', onHandDelta, reservedDelta }, now);
        expect(update.expressionValues).toMatchObject({
          ':dOnHand': onHandDelta,
          ':dReserved': reservedDelta,
          ':dAvailable': availableDelta,
          ':now': now,
        });
        expect(update.expressionValues?.[':movement']).toEqual({
          reason,
          actor: 'partner:p1',
          reference: 'res_x',
          onHandDelta,
          reservedDelta,
          at: now,
        });
        expect(update.expression.includes('#version = #version + :one')).toBe(versioned);
        expect('#version' in update.expressionNames).toBe(versioned);
        expect(condition.expressionValues?.[':need']).toBe(need);
        expect(condition.expressionValues?.[':maxBefore']).toBe(maxBefore);
        const guards = [
          'attribute_exists(#pk)',
          need === undefined ? [] : '#available >= :need',
          maxBefore === undefined ? [] : '#onHand <= :maxBefore',
        ];
        expect(condition.expression).toBe(guards.flat().join(' AND '));
      },
    );

    it('moves onHand, reserved, available and sequence together and records the movement', () => {
      expect(
        movementUpdate({ reason: 'RESERVED', actor: 'a', reference: null, onHandDelta: 0, reservedDelta: 1 }, now).update.expression,
      ).toBe(
        'SET #onHand = #onHand + :dOnHand, #reserved = #reserved + :dReserved, #available = #available + :dAvailable, #sequence = #sequence + :one, #updatedAt = :now, #lastMovement = :movement',
      );
    });
  });

  describe('terminalUpdate', () => {
    it.each([
      ['any', '#status = :active', { ':active': 'ACTIVE' }],
      ['unexpired', '#status = :active AND #expiresAtEpoch > :nowEpoch', { ':active': 'ACTIVE', ':nowEpoch': 1000 }],
      ['expired', '#status = :active AND #expiresAtEpoch <= :nowEpoch', { ':active': 'ACTIVE', ':nowEpoch': 1000 }],
    ] as const)('guard %s: %s', (guard, expression, values) => {
      const { update, condition } = terminalUpdate('RELEASED', now, 1000, guard);
      expect(condition.expression).toBe(expression);
      expect(condition.expressionValues).toEqual(values);
      expect(update.expression).toBe('SET #status = :status, #updatedAt = :now, #ttl = :ttl REMOVE #gsi1pk, #gsi1sk');
      expect(update.expressionValues).toEqual({ ':status': 'RELEASED', ':now': now, ':ttl': 1000 + RETENTION_SECONDS });
    });
  });

  it('reconcileUpdate sets reserved and available under a compare-and-set on sequence', () => {
    const { update, condition } = reconcileUpdate(
      { onHand: 10, reserved: 4, reservedBefore: 6, seenSequence: 9, actor: 'admin:alice' },
      now,
    );
    expect(update.expressionValues).toMatchObject({ ':reserved': 4, ':available': 6 });
    expect(update.expressionValues?.[':movement']).toEqual({
      reason: 'RECONCILED',
      actor: 'admin:alice',
      reference: 'repair',
      onHandDelta: 0,
      reservedDelta: -2,
      at: now,
    });
    expect(condition).toEqual({
      expression: '#sequence = :seen',
      expressionNames: { '#sequence': 'sequence' },
      expressionValues: { ':seen': 9 },
    });
  });

  it('upsertClauses create counters at zero and bump version and sequence', () => {
    const { sets, values } = upsertClauses('p1', 'w1', { reason: 'ADMIN_SET' }, now);
    expect(sets).toContain('#version = if_not_exists(#version, :zero) + :one');
    expect(values).toMatchObject({ ':productId': 'p1', ':warehouseId': 'w1', ':entity': 'InventoryItem', ':now': now });
  });
});
