/**
 * Record shapes of the main table as the writers store them (docs/data-model.md). Resolvers map
 * them to GraphQL types; Lambda functions parse stored items into them (functions/commons).
 * Type aliases, not interfaces: AppSync's `util.dynamodb.toMapValues` only maps index-signature
 * compatible types.
 */
import type { ReservationStatus, StockMovementReason } from './enums.js';

/** What moved an item's counters last; the stream processor turns it into a ledger row. */
export type MovementRecord = {
  reason: StockMovementReason;
  actor: string;
  reference: string | null;
  /** Null when the writer cannot know it before the write (an admin set): the images tell. */
  onHandDelta: number | null;
  reservedDelta: number;
  at: string;
};

export type InventoryRecord = {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  threshold: number;
  version: number;
  sequence: number;
  updatedAt: string;
  /** The product's category (written by the catalog); absent means "uncategorized". */
  category?: string | null;
};

export type ReservationLine = {
  productId: string;
  warehouseId: string;
  quantity: number;
};

export type ReservationRecord = {
  id: string;
  requestId: string;
  scope: string;
  partnerId: string | null;
  actor: string;
  status: ReservationStatus;
  lines: ReservationLine[];
  fingerprint: string;
  expiresAt: string;
  expiresAtEpoch: number;
  createdAt: string;
  createdAtEpoch: number;
  updatedAt: string;
};

export type LedgerRow = {
  productId: string;
  warehouseId: string;
  sequence: number;
  reason: StockMovementReason;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
};
