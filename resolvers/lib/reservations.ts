/** Reservation records (README.md, Data model): keys, ids, hold-time rules, record → GraphQL. */
import { util, type DynamoDBExpression } from '@aws-appsync/utils';
import type { Reservation, ReservationStatus, StockCommit } from '../generated/graphql';
import { invalid } from './errors';
import type { Actor } from './identity';
import { base64Url, type AllocatedLine } from './lines';
import { requireId, requireInt } from './validate';

export const DEFAULT_TTL_SECONDS = 900;
export const MIN_TTL_SECONDS = 60;
export const MAX_TTL_SECONDS = 86400;
/** Terminal reservations stay this long (idempotency needs 24 h), then DynamoDB TTL deletes them. */
export const RETENTION_SECONDS = 7 * 86400;

export function reservationKey(id: string): { pk: string; sk: string } {
  return { pk: `RESERVATION#${id}`, sk: 'RESERVATION' };
}

export function commitKey(id: string): { pk: string; sk: string } {
  return { pk: `COMMIT#${id}`, sk: 'COMMIT' };
}

/** Idempotency scope: each partner (and each admin user) has its own request-id space. */
export function scopeOf(actor: Actor): string {
  return actor.partnerId ?? actor.label;
}

export function reservationIdFor(actor: Actor, requestId: string): string {
  return `res_${base64Url(`${scopeOf(actor)}|${requestId}`)}`;
}

export function commitIdFor(actor: Actor, requestId: string): string {
  return `cmt_${base64Url(`${scopeOf(actor)}|${requestId}`)}`;
}

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

export interface ReservationRecord {
  id: string;
  requestId: string;
  scope: string;
  partnerId: string | null;
  actor: string;
  status: ReservationStatus;
  lines: AllocatedLine[];
  fingerprint: string;
  expiresAt: string;
  expiresAtEpoch: number;
  createdAt: string;
  createdAtEpoch: number;
  updatedAt: string;
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

export interface CommitRecord {
  id: string;
  requestId: string;
  partnerId: string | null;
  lines: AllocatedLine[];
  fingerprint: string;
  createdAt: string;
}

export function toStockCommit(r: CommitRecord): StockCommit {
  return { id: r.id, requestId: r.requestId, partnerId: r.partnerId ?? null, lines: r.lines, createdAt: r.createdAt };
}

/** The ACTIVE-by-expiry index entry; 16 shards spread the sweeper's index over partitions. */
export function activeIndexKeys(id: string, expiresAt: string, shard: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: `RESERVATION#ACTIVE#${shard}`, gsi1sk: `${expiresAt}#${id}` };
}

/**
 * Moves a reservation out of ACTIVE. The condition makes exactly one terminal transition win
 * among a release, a confirm and the sweeper, whatever the interleaving.
 */
export function terminalUpdate(status: ReservationStatus, nowIso: string, nowEpoch: number, requireUnexpired: boolean): { update: DynamoDBExpression; condition: DynamoDBExpression } {
  const condition = requireUnexpired ? '#status = :active AND #expiresAtEpoch > :nowEpoch' : '#status = :active';
  return {
    update: {
      expression: 'SET #status = :status, #updatedAt = :now, #ttl = :ttl REMOVE #gsi1pk, #gsi1sk',
      expressionNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#ttl': 'ttl', '#gsi1pk': 'gsi1pk', '#gsi1sk': 'gsi1sk' },
      expressionValues: util.dynamodb.toMapValues({ ':status': status, ':now': nowIso, ':ttl': nowEpoch + RETENTION_SECONDS }),
    },
    condition: {
      expression: condition,
      expressionNames: requireUnexpired ? { '#status': 'status', '#expiresAtEpoch': 'expiresAtEpoch' } : { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues(requireUnexpired ? { ':active': 'ACTIVE', ':nowEpoch': nowEpoch } : { ':active': 'ACTIVE' }),
    },
  };
}
