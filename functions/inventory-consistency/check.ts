/**
 * The inventory consistency check (docs/data-model.md: counters must never drift silently): for each
 * stock item of a product, `reserved` is recomputed from the ACTIVE reservations (gsi1, every
 * shard) and `onHand` from the ledger (sum of `onHandDelta`), and `available = onHand − reserved`
 * is checked. A ledger that trails the item (`ledgerSequence < sequence`) is stream lag, reported
 * as `ledgerBehind`; it only becomes a mismatch if it is still stuck on a second look.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ACTIVE_INDEX,
  RESERVATION_SHARDS,
  activeShardKey,
  parseInventoryItem,
  parseLedgerRow,
  parseReservation,
  type InventoryState,
} from '../commons/inventory-model.js';

export interface ItemConsistency {
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  expectedReserved: number;
  /** Sum of the ledger's `onHandDelta` for this item. */
  expectedOnHand: number;
  /** Highest ledger sequence of this item (0 without a ledger). */
  ledgerSequence: number;
  sequence: number;
  /** The ledger trails the item (stream lag); onHand is then not compared. */
  ledgerBehind: boolean;
  /** Set by a scheduled run whose hold budget ran out: `reserved` was not compared. */
  reservedNotCompared?: true;
  mismatches: string[];
}

export interface ConsistencyReport {
  productId: string;
  consistent: boolean;
  items: ItemConsistency[];
}

export interface CheckDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Units held by ACTIVE reservations, per `productId\0warehouseId` (or only one product's). */
export type HeldUnits = Map<string, number>;

export function heldKey(productId: string, warehouseId: string): string {
  return `${productId}\u0000${warehouseId}`;
}

async function queryAll(
  doc: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    out.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** Reservation records a scheduled run reads at most, unless `CONSISTENCY_HOLD_BUDGET` says otherwise. */
export const DEFAULT_HOLD_BUDGET = 100_000;

export function holdBudget(): number {
  const raw = Number(process.env['CONSISTENCY_HOLD_BUDGET']);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_HOLD_BUDGET;
}

/**
 * The holds of every product, reading at most `budget` reservation records (shard by shard, so a
 * scheduled run ends within its timeout however many holds are ACTIVE); null when the budget ran
 * out first: the run then compares onHand with the ledger only, and says so.
 */
export async function heldWithinBudget(deps: CheckDeps, budget: number = holdBudget()): Promise<HeldUnits | null> {
  const held: HeldUnits = new Map();
  let left = budget;
  for (const shard of RESERVATION_SHARDS) {
    let startKey: Record<string, unknown> | undefined;
    do {
      if (left <= 0) return null;
      const page = await deps.doc.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: ACTIVE_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': activeShardKey(shard) },
          ExclusiveStartKey: startKey,
          Limit: left,
        }),
      );
      const items = page.Items ?? [];
      left -= Math.max(1, items.length);
      addHolds(held, items);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return held;
}

function addHolds(held: HeldUnits, items: readonly Record<string, unknown>[], productId?: string): void {
  for (const item of items) {
    const reservation = parseReservation(item);
    // The index is sparse, but a record caught mid-transition may still carry its old keys.
    if (reservation.status !== 'ACTIVE') continue;
    for (const line of reservation.lines) {
      if (productId !== undefined && line.productId !== productId) continue;
      const key = heldKey(line.productId, line.warehouseId);
      held.set(key, (held.get(key) ?? 0) + line.quantity);
    }
  }
}

/** Sums the lines of every ACTIVE reservation (all 16 gsi1 shards); `productId` narrows it. */
export async function heldByActiveReservations(deps: CheckDeps, productId?: string): Promise<HeldUnits> {
  const held: HeldUnits = new Map();
  const shards = await Promise.all(
    RESERVATION_SHARDS.map((shard) =>
      queryAll(deps.doc, {
        TableName: deps.tableName,
        IndexName: ACTIVE_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': activeShardKey(shard) },
      }),
    ),
  );
  addHolds(held, shards.flat(), productId);
  return held;
}

export async function stockItems(deps: CheckDeps, productId: string): Promise<InventoryState[]> {
  const items = await queryAll(deps.doc, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stock)',
    ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':stock': 'STOCK#' },
    ConsistentRead: true,
  });
  return items.map((i) => parseInventoryItem(i));
}

interface LedgerSummary {
  onHand: number;
  lastSequence: number;
  count: number;
  firstSequence: number;
}

async function ledgerSummaries(deps: CheckDeps, productId: string): Promise<Map<string, LedgerSummary>> {
  const rows = await queryAll(deps.doc, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
    ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':ledger': 'LEDGER#' },
    ConsistentRead: true,
  });
  const out = new Map<string, LedgerSummary>();
  for (const raw of rows) {
    const row = parseLedgerRow(raw);
    const s = out.get(row.warehouseId) ?? { onHand: 0, lastSequence: 0, count: 0, firstSequence: Number.MAX_SAFE_INTEGER };
    s.onHand += row.onHandDelta;
    s.count += 1;
    s.lastSequence = Math.max(s.lastSequence, row.sequence);
    s.firstSequence = Math.min(s.firstSequence, row.sequence);
    out.set(row.warehouseId, s);
  }
  return out;
}

/**
 * One pass over one product. `held` may be shared across products (the scheduled run); null means
 * the holds were not counted (a scheduled run over its hold budget): `reserved` is not compared.
 */
export async function checkProductOnce(deps: CheckDeps, productId: string, held?: HeldUnits | null): Promise<ConsistencyReport> {
  // Items first: a hold committed after this read changes `sequence`, which repair's CAS notices.
  const items = await stockItems(deps, productId);
  const [ledgers, counted] = await Promise.all([
    ledgerSummaries(deps, productId),
    held !== undefined ? Promise.resolve(held) : heldByActiveReservations(deps, productId),
  ]);
  const holds: HeldUnits = counted ?? new Map<string, number>();
  const report: ItemConsistency[] = items.map((item) => {
    const ledger = ledgers.get(item.warehouseId);
    const expectedReserved = counted ? (holds.get(heldKey(productId, item.warehouseId)) ?? 0) : item.reserved;
    const ledgerSequence = ledger?.lastSequence ?? 0;
    const mismatches: string[] = [];
    if (counted && item.reserved !== expectedReserved)
      mismatches.push(`reserved is ${item.reserved} but ACTIVE reservations hold ${expectedReserved}`);
    if (item.available !== item.onHand - item.reserved)
      mismatches.push(`available is ${item.available} but onHand − reserved is ${item.onHand - item.reserved}`);
    if (item.reserved < 0) mismatches.push(`reserved is negative (${item.reserved})`);
    const ledgerBehind = ledgerSequence < item.sequence;
    if (ledger && ledger.count !== ledger.lastSequence - ledger.firstSequence + 1)
      mismatches.push(`ledger has gaps: ${ledger.count} rows between sequence ${ledger.firstSequence} and ${ledger.lastSequence}`);
    if (ledger && ledger.firstSequence > 1) mismatches.push(`ledger starts at sequence ${ledger.firstSequence}, not 1`);
    if (ledgerSequence > item.sequence)
      mismatches.push(`ledger is ahead of the item: ledger at ${ledgerSequence}, item at ${item.sequence}`);
    if (!ledgerBehind && ledger && ledger.onHand !== item.onHand)
      mismatches.push(`onHand is ${item.onHand} but the ledger sums to ${ledger.onHand}`);
    return {
      warehouseId: item.warehouseId,
      onHand: item.onHand,
      reserved: item.reserved,
      available: item.available,
      expectedReserved,
      expectedOnHand: ledger?.onHand ?? 0,
      ledgerSequence,
      sequence: item.sequence,
      ledgerBehind,
      ...(counted ? {} : { reservedNotCompared: true as const }),
      mismatches,
    };
  });
  // Holds on an item that does not exist are drift too.
  for (const [key, units] of holds) {
    const [p, w] = key.split('\u0000') as [string, string];
    if (p !== productId || items.some((i) => i.warehouseId === w)) continue;
    report.push({
      warehouseId: w,
      onHand: 0,
      reserved: 0,
      available: 0,
      expectedReserved: units,
      expectedOnHand: ledgers.get(w)?.onHand ?? 0,
      ledgerSequence: ledgers.get(w)?.lastSequence ?? 0,
      sequence: 0,
      ledgerBehind: false,
      mismatches: [`ACTIVE reservations hold ${units} units of a stock item that does not exist`],
    });
  }
  report.sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0));
  return { productId, consistent: report.every((i) => i.mismatches.length === 0), items: report };
}

export interface CheckOptions {
  /** Wait before the confirming second pass (stream lag, index lag). */
  readonly confirmDelayMs?: number;
  readonly held?: HeldUnits | null;
  /** Re-reads the holds on the second pass (the shared map of a scheduled run is stale by then). */
  readonly reloadHeld?: () => Promise<HeldUnits | null>;
}

/**
 * Checks a product; when the first pass finds anything (a mismatch, or a ledger behind), it
 * looks again after `confirmDelayMs` and reports the second pass. A ledger still behind then,
 * with neither it nor the item having moved, is reported as a mismatch (the stream is stuck).
 */
export async function checkProduct(deps: CheckDeps, productId: string, options: CheckOptions = {}): Promise<ConsistencyReport> {
  const first = await checkProductOnce(deps, productId, options.held);
  if (first.items.every((i) => i.mismatches.length === 0 && !i.ledgerBehind)) return first;
  await new Promise((r) => setTimeout(r, options.confirmDelayMs ?? 1500));
  const held = options.reloadHeld ? await options.reloadHeld() : undefined;
  const second = await checkProductOnce(deps, productId, held);
  for (const item of second.items) {
    const before = first.items.find((i) => i.warehouseId === item.warehouseId);
    if (
      item.ledgerBehind &&
      before &&
      before.ledgerBehind &&
      before.ledgerSequence === item.ledgerSequence &&
      before.sequence === item.sequence
    ) {
      item.mismatches.push(`ledger is stuck at sequence ${item.ledgerSequence} while the item is at ${item.sequence}`);
    }
  }
  second.consistent = second.items.every((i) => i.mismatches.length === 0);
  return second;
}

/** Table rows the scheduled run scans per run unless `CONSISTENCY_SCAN_LIMIT` says otherwise. */
export const DEFAULT_SCAN_LIMIT = 20_000;
const SCHEDULE_CURSOR = { pk: 'CONSISTENCY#SCHEDULE', sk: 'CURSOR' };

export function scanLimit(): number {
  const raw = Number(process.env['CONSISTENCY_SCAN_LIMIT']);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_SCAN_LIMIT;
}

/**
 * The products of the next slice of the table: the scheduled run scans at most `budget` rows,
 * from where the last run stopped (a cursor record), so it always ends within the function's
 * timeout; a large table is covered over several runs, then the scan starts over.
 */
export async function nextProductIds(deps: CheckDeps, budget: number = scanLimit()): Promise<string[]> {
  const saved = await deps.doc.send(new GetCommand({ TableName: deps.tableName, Key: SCHEDULE_CURSOR, ConsistentRead: true }));
  const raw: unknown = saved.Item?.['startKey'];
  let startKey: Record<string, unknown> | undefined = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  const ids = new Set<string>();
  let left = budget;
  do {
    const page = await deps.doc.send(
      new ScanCommand({
        TableName: deps.tableName,
        FilterExpression: 'begins_with(pk, :product) AND begins_with(sk, :stock)',
        ExpressionAttributeValues: { ':product': 'PRODUCT#', ':stock': 'STOCK#' },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: startKey,
        Limit: left,
      }),
    );
    for (const item of page.Items ?? []) {
      const pk: unknown = item['pk'];
      if (typeof pk === 'string') ids.add(pk.slice('PRODUCT#'.length));
    }
    left -= Math.max(1, page.ScannedCount ?? 0);
    startKey = page.LastEvaluatedKey;
  } while (startKey && left > 0);
  if (startKey)
    await deps.doc.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { ...SCHEDULE_CURSOR, entity: 'ConsistencyCursor', startKey: JSON.stringify(startKey) },
      }),
    );
  else await deps.doc.send(new DeleteCommand({ TableName: deps.tableName, Key: SCHEDULE_CURSOR }));
  return [...ids].sort();
}
