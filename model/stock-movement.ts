/**
 * The update expressions that move stock, built once for both writers: resolvers marshal the
 * values with `util.dynamodb.toMapValues`, Lambda functions hand them to the DocumentClient as
 * they are. Plain data only, so the same builders run in APPSYNC_JS and on Node.
 */
import type { ReservationStatus, StockMovementReason } from './enums.js';
import { MAX_UNITS, RETENTION_SECONDS } from './retention.js';

/** An update or condition expression with plain (unmarshalled) values. */
export interface PlainExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}

export interface PlainUpdate {
  update: PlainExpression;
  condition: PlainExpression;
}

export interface Movement {
  reason: StockMovementReason;
  actor: string;
  reference: string | null;
  onHandDelta: number;
  reservedDelta: number;
}

/**
 * The one write that moves stock on an existing item: onHand, reserved and available change
 * together, `sequence` goes up by one, `version` too when onHand changes, and the movement is
 * recorded in `lastMovement` for the ledger (docs/data-model.md). When available goes down, the
 * condition `available >= :need` is the oversell guard.
 */
export function movementUpdate(m: Movement, now: string): PlainUpdate {
  const availableDelta = m.onHandDelta - m.reservedDelta;
  const names: Record<string, string> = {
    '#pk': 'pk',
    '#onHand': 'onHand',
    '#reserved': 'reserved',
    '#available': 'available',
    '#sequence': 'sequence',
    '#updatedAt': 'updatedAt',
    '#lastMovement': 'lastMovement',
  };
  const values: Record<string, unknown> = {
    ':dOnHand': m.onHandDelta,
    ':dReserved': m.reservedDelta,
    ':dAvailable': availableDelta,
    ':one': 1,
    ':now': now,
    ':movement': {
      reason: m.reason,
      actor: m.actor,
      reference: m.reference,
      onHandDelta: m.onHandDelta,
      reservedDelta: m.reservedDelta,
      at: now,
    },
  };
  const sets = [
    '#onHand = #onHand + :dOnHand',
    '#reserved = #reserved + :dReserved',
    '#available = #available + :dAvailable',
    '#sequence = #sequence + :one',
    '#updatedAt = :now',
    '#lastMovement = :movement',
  ];
  // version tracks onHand/threshold changes only (what setStock's expectedVersion protects).
  if (m.onHandDelta !== 0) {
    sets.push('#version = #version + :one');
    names['#version'] = 'version';
  }
  return {
    update: { expression: `SET ${sets.join(', ')}`, expressionNames: names, expressionValues: values },
    condition: movementGuard(m),
  };
}

/**
 * The condition of a movement: the item exists; when available goes down, `available >= :need`
 * (the oversell guard); when onHand goes up, it stays at most MAX_UNITS (an Int the schema can
 * return, whatever path adds the units: a receipt, a restock on cancel).
 */
function movementGuard(m: Movement): PlainExpression {
  const availableDelta = m.onHandDelta - m.reservedDelta;
  const clauses = ['attribute_exists(#pk)'];
  const names: Record<string, string> = { '#pk': 'pk' };
  const values: Record<string, unknown> = {};
  if (availableDelta < 0) {
    clauses.push('#available >= :need');
    names['#available'] = 'available';
    values[':need'] = -availableDelta;
  }
  if (m.onHandDelta > 0) {
    clauses.push('#onHand <= :maxBefore');
    names['#onHand'] = 'onHand';
    values[':maxBefore'] = MAX_UNITS - m.onHandDelta;
  }
  if (clauses.length === 1) return { expression: clauses[0] as string, expressionNames: names };
  return { expression: clauses.join(' AND '), expressionNames: names, expressionValues: values };
}

/**
 * Which ACTIVE reservations a terminal move may take: any (a release), only unexpired ones (a
 * confirm), or only expired ones (the sweeper).
 */
export type TerminalGuard = 'any' | 'unexpired' | 'expired';

/**
 * Moves a reservation out of ACTIVE. The condition makes exactly one terminal transition win
 * among a release, a confirm and the sweeper, whatever the interleaving.
 */
export function terminalUpdate(status: ReservationStatus, nowIso: string, nowEpoch: number, guard: TerminalGuard): PlainUpdate {
  const update: PlainExpression = {
    expression: 'SET #status = :status, #updatedAt = :now, #ttl = :ttl REMOVE #gsi1pk, #gsi1sk',
    expressionNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#ttl': 'ttl', '#gsi1pk': 'gsi1pk', '#gsi1sk': 'gsi1sk' },
    expressionValues: { ':status': status, ':now': nowIso, ':ttl': nowEpoch + RETENTION_SECONDS },
  };
  if (guard === 'any') {
    return {
      update,
      condition: { expression: '#status = :active', expressionNames: { '#status': 'status' }, expressionValues: { ':active': 'ACTIVE' } },
    };
  }
  return {
    update,
    condition: {
      expression:
        guard === 'unexpired' ? '#status = :active AND #expiresAtEpoch > :nowEpoch' : '#status = :active AND #expiresAtEpoch <= :nowEpoch',
      expressionNames: { '#status': 'status', '#expiresAtEpoch': 'expiresAtEpoch' },
      expressionValues: { ':active': 'ACTIVE', ':nowEpoch': nowEpoch },
    },
  };
}

/**
 * The repair of an item's reservation counters: `reserved` set to what the ACTIVE holds count,
 * `available = onHand − reserved`, a RECONCILED movement, as a compare-and-set on the `sequence`
 * the repair read (it never overwrites a movement it did not see).
 */
export function reconcileUpdate(
  r: { onHand: number; reserved: number; reservedBefore: number; seenSequence: number; actor: string },
  now: string,
): PlainUpdate {
  const movement = {
    reason: 'RECONCILED',
    actor: r.actor,
    reference: 'repair',
    onHandDelta: 0,
    reservedDelta: r.reserved - r.reservedBefore,
    at: now,
  };
  return {
    update: {
      expression:
        'SET #reserved = :reserved, #available = :available, #sequence = #sequence + :one, #version = #version + :one, #updatedAt = :now, #lastMovement = :movement',
      expressionNames: {
        '#reserved': 'reserved',
        '#available': 'available',
        '#sequence': 'sequence',
        '#version': 'version',
        '#updatedAt': 'updatedAt',
        '#lastMovement': 'lastMovement',
      },
      expressionValues: { ':reserved': r.reserved, ':available': r.onHand - r.reserved, ':one': 1, ':now': now, ':movement': movement },
    },
    condition: {
      expression: '#sequence = :seen',
      expressionNames: { '#sequence': 'sequence' },
      expressionValues: { ':seen': r.seenSequence },
    },
  };
}

/** Expression names of every attribute an upsert of a stock item sets (setStock, receiveStock). */
export const ITEM_UPSERT_NAMES: Record<string, string> = {
  '#onHand': 'onHand',
  '#available': 'available',
  '#reserved': 'reserved',
  '#threshold': 'threshold',
  '#version': 'version',
  '#sequence': 'sequence',
  '#updatedAt': 'updatedAt',
  '#productId': 'productId',
  '#warehouseId': 'warehouseId',
  '#entity': 'entity',
  '#lastMovement': 'lastMovement',
};

/**
 * The clauses and values every upsert of a stock item shares: counters created at zero, version and
 * sequence moved by one, identity attributes, and the movement for the ledger. Callers add the
 * clauses that set onHand/available/threshold.
 */
export function upsertClauses(
  productId: string,
  warehouseId: string,
  movement: Record<string, unknown>,
  now: string,
): { sets: string[]; values: Record<string, unknown> } {
  return {
    sets: [
      '#reserved = if_not_exists(#reserved, :zero)',
      '#version = if_not_exists(#version, :zero) + :one',
      '#sequence = if_not_exists(#sequence, :zero) + :one',
      '#updatedAt = :now',
      '#productId = :productId',
      '#warehouseId = :warehouseId',
      '#entity = :entity',
      '#lastMovement = :movement',
    ],
    values: {
      ':zero': 0,
      ':one': 1,
      ':now': now,
      ':productId': productId,
      ':warehouseId': warehouseId,
      ':entity': 'InventoryItem',
      ':movement': movement,
    },
  };
}
