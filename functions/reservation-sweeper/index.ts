/**
 * Reservation sweeper (wiring: schedule every minute, reserved concurrency 1). Finds ACTIVE holds
 * that are due (gsi1, every shard `RESERVATION#ACTIVE#0`..`f`, `gsi1sk <= now`) and expires each
 * with ONE TransactWriteItems: the reservation moves ACTIVE → EXPIRED under the condition
 * `status = ACTIVE AND expiresAtEpoch <= now`, and every line's units go back to `available`.
 * When a release, a confirm, an extension or another sweeper got there first, the condition
 * cancels the whole transaction: a normal outcome (`skipped`), never a double release.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RESERVATION_PREFIX } from '../../model/keys.js';
import { movementUpdate, terminalUpdate } from '../../model/stock-movement.js';
import {
  ACTIVE_INDEX,
  RESERVATION_SHARDS,
  activeShardKey,
  documentUpdate,
  inventoryKey,
  parseReservation,
  reservationKey,
  sumLines,
  type ReservationState,
} from '../commons/inventory-model.js';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { tableFromEnv } from '../commons/table-client.js';

export const SWEEPER_ACTOR = 'system:sweeper';
/** Holds expired at once (each is one transaction). */
const EXPIRY_CONCURRENCY = 8;
/** Retries of a transaction cancelled by a conflicting transaction (not by its condition). */
const CONFLICT_RETRIES = 6;

export interface SweepSummary {
  /** Due holds found in the index. */
  due: number;
  /** Holds this run moved to EXPIRED (their units are available again). */
  expired: number;
  /** Holds someone else ended or extended first: the condition cancelled our transaction. */
  skipped: number;
  /** Holds left ACTIVE because of an error; the next run tries again. */
  failed: number;
}

export interface SweepOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The sweep's clock (tests pass one). */
  readonly now?: Date;
  readonly log?: FunctionLogger;
}

export type ExpiryOutcome = 'expired' | 'skipped' | 'failed';

/** Every ACTIVE hold due at `now`, from all gsi1 shards (all pages). */
export async function findDueReservations(
  doc: DynamoDBDocumentClient,
  tableName: string,
  now: Date,
): Promise<{ id: string; item: Record<string, unknown> }[]> {
  const nowIso = now.toISOString();
  // gsi1sk is `<expiresAt>#<id>`: the upper bound includes holds expiring exactly now.
  const upper = `${nowIso}#\uffff`;
  const perShard = await Promise.all(
    RESERVATION_SHARDS.map(async (shard) => {
      const found: { id: string; item: Record<string, unknown> }[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: ACTIVE_INDEX,
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upper',
            ExpressionAttributeValues: { ':pk': activeShardKey(shard), ':upper': upper },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const pk: unknown = item['pk'];
          if (typeof pk === 'string' && pk.startsWith(RESERVATION_PREFIX)) found.push({ id: pk.slice(RESERVATION_PREFIX.length), item });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return found;
    }),
  );
  return perShard.flat();
}

function cancellationCodes(error: unknown): string[] | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'TransactionCanceledException')
    return undefined;
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  if (!Array.isArray(reasons)) return [];
  return reasons.map((r: unknown) =>
    typeof r === 'object' && r !== null && typeof (r as { Code?: unknown }).Code === 'string' ? (r as { Code: string }).Code : 'None',
  );
}

/**
 * Expires one hold with one transaction. `reservation` may come from the index (projection ALL);
 * if it lacks lines, it is read again. Exported for tests.
 */
export async function expireReservation(opts: SweepOptions & { reservation: ReservationState }): Promise<ExpiryOutcome> {
  const { doc, tableName, reservation } = opts;
  const log = opts.log ?? functionLogger('reservation-sweeper');
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const nowEpoch = Math.floor(now.getTime() / 1000);
  if (reservation.status !== 'ACTIVE' || reservation.expiresAtEpoch > nowEpoch) return 'skipped';
  const lines = sumLines(reservation.lines);

  // The same expressions as a release (model/stock-movement.ts), guarded by "already expired".
  const transactItems = [
    {
      Update: {
        TableName: tableName,
        Key: reservationKey(reservation.id),
        ...documentUpdate(terminalUpdate('EXPIRED', nowIso, nowEpoch, 'expired')),
      },
    },
    ...lines.map((line) => ({
      Update: {
        TableName: tableName,
        Key: inventoryKey(line.productId, line.warehouseId),
        ...documentUpdate(
          movementUpdate(
            { reason: 'EXPIRED', actor: SWEEPER_ACTOR, reference: reservation.id, onHandDelta: 0, reservedDelta: -line.quantity },
            nowIso,
          ),
        ),
      },
    })),
  ];

  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: transactItems }));
      return 'expired';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes === undefined) {
        log.error('expiring a reservation failed', { reservationId: reservation.id, error });
        return 'failed';
      }
      if (codes[0] === 'ConditionalCheckFailed') return 'skipped';
      if (codes.slice(1).includes('ConditionalCheckFailed')) {
        log.error('a reserved item is missing: hold left ACTIVE', { reservationId: reservation.id, codes });
        return 'failed';
      }
      if (
        attempt < CONFLICT_RETRIES &&
        codes.some((c) => c === 'TransactionConflict' || c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded')
      ) {
        // Exponential backoff with jitter: a hot item is being reserved by live traffic meanwhile.
        await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
        continue;
      }
      // Still contended: whoever holds the items is most likely ending this hold right now.
      log.warn('expiry transaction kept conflicting; next run retries', { reservationId: reservation.id, codes });
      return 'failed';
    }
  }
}

/** Expires one due hold found in the index; never throws. */
async function expireDue(
  opts: SweepOptions,
  next: { id: string; item: Record<string, unknown> },
  now: Date,
  log: FunctionLogger,
): Promise<ExpiryOutcome> {
  try {
    let raw: unknown = next.item;
    if (!Array.isArray(next.item['lines'])) {
      // Index without the lines projected: read the record itself.
      raw = (await opts.doc.send(new GetCommand({ TableName: opts.tableName, Key: reservationKey(next.id), ConsistentRead: true }))).Item;
      if (!raw) return 'skipped';
    }
    return await expireReservation({ ...opts, now, log, reservation: parseReservation(raw) });
  } catch (error) {
    log.error('due reservation could not be expired', { reservationId: next.id, error });
    return 'failed';
  }
}

/** One sweep: all due holds expired, each with its own transaction. Exported for tests. */
export async function sweepReservations(opts: SweepOptions): Promise<SweepSummary> {
  const { doc, tableName } = opts;
  const log = opts.log ?? functionLogger('reservation-sweeper');
  const now = opts.now ?? new Date();
  const due = await findDueReservations(doc, tableName, now);
  const summary: SweepSummary = { due: due.length, expired: 0, skipped: 0, failed: 0 };
  // Holds on the same item are expired one after another (one lane per first item), so the
  // sweeper's own transactions never collide on a hot item; different items go in parallel.
  const lanes = new Map<string, { id: string; item: Record<string, unknown> }[]>();
  for (const hold of due) {
    const lines = hold.item['lines'];
    const first = Array.isArray(lines) && lines.length > 0 ? (lines[0] as { productId?: unknown; warehouseId?: unknown }) : undefined;
    const lane = first ? `${String(first.productId)}|${String(first.warehouseId)}` : hold.id;
    lanes.set(lane, [...(lanes.get(lane) ?? []), hold]);
  }
  const queue = [...lanes.values()];
  await Promise.all(
    Array.from({ length: Math.min(EXPIRY_CONCURRENCY, queue.length) }, async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const next of lane) summary[await expireDue(opts, next, now, log)]++;
      }
    }),
  );
  if (summary.due > 0) log.info('sweep finished', { ...summary });
  return summary;
}

export const handler = instrumented(async (_event: ScheduledEvent | unknown, _context?: Context): Promise<SweepSummary> => {
  const { doc, tableName } = tableFromEnv();
  return sweepReservations({ doc, tableName });
});
