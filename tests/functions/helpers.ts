/**
 * Arrange helpers for the inventory function tests: items written with the SDK exactly as
 * docs/data-model.md shapes them (keys and expressions from model/, as the writers use them), and
 * a local runtime (wired functions + stream poller).
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentUpdate } from '../../functions/commons/inventory-model.js';
import { activeIndexKeys, inventoryKey, ledgerSortPrefix, reservationKey } from '../../model/keys.js';
import type { ReservationStatus, StockMovementReason } from '../../model/enums.js';
import { RETENTION_SECONDS } from '../../model/retention.js';
import { movementUpdate } from '../../model/stock-movement.js';
import { createLocalFunctions, type LocalFunctions } from '../../local/services/function-runner.js';
import { startStreamPoller, streamMappings, type StreamPoller } from '../../local/services/stream-poller/index.js';
import { createTestTables, type TestTables } from '../setup/tables.js';

export interface Harness {
  tables: TestTables;
  doc: DynamoDBDocumentClient;
  table: string;
  functions: LocalFunctions;
  destroy(): Promise<void>;
}

export async function createHarness(prefix: string): Promise<Harness> {
  const tables = await createTestTables(prefix);
  const doc = DynamoDBDocumentClient.from(tables.client, { marshallOptions: { removeUndefinedValues: true } });
  const functions = createLocalFunctions({
    stage: tables.stage,
    dynamoEndpoint: tables.endpoint,
    tableName: (logical) => tables.names[logical] as string,
  });
  return { tables, doc, table: tables.main, functions, destroy: () => tables.destroy() };
}

/** The real stream processor behind the local poller, as `npm start` runs it. */
export async function startLedger(h: Harness, options: { checkpointFile?: string } = {}): Promise<StreamPoller> {
  return startStreamPoller({
    checkpointFile: options.checkpointFile,
    endpoint: h.tables.endpoint,
    stage: h.tables.stage,
    tableName: (logical) => h.tables.names[logical] as string,
    invoke: (name, event) => h.functions.invoke(name, event),
    // Only the ledger writer: the event publisher (the stream's other consumer) has its own tests.
    mappings: streamMappings().filter((m) => m.functionName === 'stream-processor'),
    retryDelayMs: 10,
  });
}

export interface MovementInput {
  reason: StockMovementReason;
  actor?: string;
  reference?: string | null;
  onHandDelta: number;
  reservedDelta: number;
}

export interface StockInput {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved?: number;
  threshold?: number;
  version?: number;
  sequence?: number;
  movement?: MovementInput;
  at?: string;
}

/** Puts an InventoryItem (sequence 1 and an ADMIN_SET movement unless told otherwise). */
export async function putStock(h: Harness, s: StockInput): Promise<void> {
  const reserved = s.reserved ?? 0;
  const at = s.at ?? new Date().toISOString();
  const m = s.movement ?? { reason: 'ADMIN_SET', onHandDelta: s.onHand, reservedDelta: reserved };
  await h.doc.send(
    new PutCommand({
      TableName: h.table,
      Item: {
        ...inventoryKey(s.productId, s.warehouseId),
        productId: s.productId,
        warehouseId: s.warehouseId,
        onHand: s.onHand,
        reserved,
        available: s.onHand - reserved,
        threshold: s.threshold ?? 5,
        version: s.version ?? 1,
        sequence: s.sequence ?? 1,
        updatedAt: at,
        lastMovement: {
          reason: m.reason,
          actor: m.actor ?? 'admin:alice',
          reference: m.reference ?? null,
          onHandDelta: m.onHandDelta,
          reservedDelta: m.reservedDelta,
          at,
        },
      },
    }),
  );
}

/** The one movement update (model/stock-movement.ts `movementUpdate`), done with the SDK. */
export async function moveStock(h: Harness, productId: string, warehouseId: string, m: MovementInput): Promise<void> {
  const at = new Date().toISOString();
  const movement = {
    reason: m.reason,
    actor: m.actor ?? 'partner:p1',
    reference: m.reference ?? null,
    onHandDelta: m.onHandDelta,
    reservedDelta: m.reservedDelta,
  };
  await h.doc.send(
    new UpdateCommand({ TableName: h.table, Key: inventoryKey(productId, warehouseId), ...documentUpdate(movementUpdate(movement, at)) }),
  );
}

export interface ReservationInput {
  id: string;
  lines: { productId: string; warehouseId: string; quantity: number }[];
  expiresAt: Date;
  status?: ReservationStatus;
  shard?: string;
  partnerId?: string;
}

/** Puts a Reservation record (gsi1 keys only while ACTIVE). */
export async function putReservation(h: Harness, r: ReservationInput): Promise<void> {
  const status = r.status ?? 'ACTIVE';
  const shard = r.shard ?? r.id.slice(-1).replace(/[^0-9a-f]/, '0');
  const createdAt = new Date(r.expiresAt.getTime() - 900_000).toISOString();
  const expiresAt = r.expiresAt.toISOString();
  await h.doc.send(
    new PutCommand({
      TableName: h.table,
      Item: {
        ...reservationKey(r.id),
        entity: 'Reservation',
        id: r.id,
        requestId: `req-${r.id}`,
        scope: r.partnerId ?? 'p1',
        partnerId: r.partnerId ?? 'p1',
        actor: `partner:${r.partnerId ?? 'p1'}`,
        status,
        lines: r.lines,
        fingerprint: 'fp',
        expiresAt,
        expiresAtEpoch: Math.floor(r.expiresAt.getTime() / 1000),
        createdAt,
        createdAtEpoch: Math.floor(Date.parse(createdAt) / 1000),
        updatedAt: createdAt,
        shard,
        gsi2pk: `PARTNER#${r.partnerId ?? 'p1'}`,
        gsi2sk: `RESERVATION#${createdAt}`,
        ...(status === 'ACTIVE' ? activeIndexKeys(r.id, expiresAt, shard) : { ttl: Math.floor(Date.now() / 1000) + RETENTION_SECONDS }),
      },
    }),
  );
}

export async function getItem(h: Harness, pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await h.doc.send(new GetCommand({ TableName: h.table, Key: { pk, sk }, ConsistentRead: true }))).Item;
}

export async function getStock(h: Harness, productId: string, warehouseId: string): Promise<Record<string, unknown>> {
  const key = inventoryKey(productId, warehouseId);
  const item = await getItem(h, key.pk, key.sk);
  if (!item) throw new Error(`no stock ${productId}/${warehouseId}`);
  return item;
}

export async function ledgerRows(h: Harness, productId: string, warehouseId: string): Promise<Record<string, unknown>[]> {
  const out = await h.doc.send(
    new QueryCommand({
      TableName: h.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': inventoryKey(productId, warehouseId).pk, ':p': ledgerSortPrefix(warehouseId) },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}
