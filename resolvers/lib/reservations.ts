/** Reservation records (docs/data-model.md): keys, ids, hold-time rules, record → GraphQL. */
import { util, type DynamoDBExpression } from '@aws-appsync/utils';
import type { Reservation, ReservationStatus, StockCommit } from '../generated/graphql';
import type { ReservationRecord } from '../../model/records';
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from '../../model/retention';
import { terminalUpdate as plainTerminalUpdate } from '../../model/stock-movement';
import { invalid } from './errors';
import type { Actor } from './identity';
import { marshalUpdate } from './inventory';
import type { AllocatedLine } from './lines';
import { requireId, requireInt } from './validate';

/** Idempotency scope: each partner (and each admin user) has its own request-id space. */
export function scopeOf(actor: Actor): string {
  return actor.partnerId ?? actor.label;
}

/**
 * Ids reveal nothing (neither the caller nor the request id): a ULID. The request id finds the
 * reservation through its idempotency record (`idempotencyKey` in model/keys.ts).
 */
export function newReservationId(): string {
  return `res_${util.autoUlid()}`;
}

export function newCommitId(): string {
  return `cmt_${util.autoUlid()}`;
}

/** The idempotency record: which reservation or commit a request id made, and with what payload. */
export type IdempotencyRecord = {
  entity: string;
  targetId: string;
  fingerprint: string;
  createdAt: string;
  ttl: number;
};

export function requireReservationId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !util.matches('res_[A-Za-z0-9_-]{4,400}', value)) {
    return invalid(field, 'is not a reservation id');
  }
  return value;
}

export function requireRequestId(value: unknown): string {
  return requireId('input.requestId', value);
}

export function requireTtl(field: string, value: unknown): number {
  return requireInt(field, value, MIN_TTL_SECONDS, MAX_TTL_SECONDS);
}

export function toReservation(r: ReservationRecord): Reservation {
  return {
    id: r.id,
    requestId: r.requestId,
    status: r.status,
    lines: r.lines.map((l) => ({ productId: l.productId, warehouseId: l.warehouseId, quantity: l.quantity })),
    expiresAt: r.expiresAt,
    partnerId: r.partnerId ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type CommitRecord = {
  id: string;
  requestId: string;
  partnerId: string | null;
  lines: AllocatedLine[];
  fingerprint: string;
  createdAt: string;
};

export function toStockCommit(r: CommitRecord): StockCommit {
  return { id: r.id, requestId: r.requestId, partnerId: r.partnerId ?? null, lines: r.lines, createdAt: r.createdAt };
}

/**
 * Moves a reservation out of ACTIVE (model/stock-movement.ts `terminalUpdate`), marshalled; a
 * confirm also requires the hold to be unexpired.
 */
export function terminalUpdate(
  status: ReservationStatus,
  nowIso: string,
  nowEpoch: number,
  requireUnexpired: boolean,
): { update: DynamoDBExpression; condition: DynamoDBExpression } {
  return marshalUpdate(plainTerminalUpdate(status, nowIso, nowEpoch, requireUnexpired ? 'unexpired' : 'any'));
}
