/**
 * Stock alerts (docs/alerts.md). Table items:
 * - `ALERT#<id>` / `ALERT`: the alert; index entries gsi5 (`ALERT#STATUS#<status>`) and gsi8
 *   (`ALERT#ALL`), both sorted by `<createdAt>#<id>`, so newest first is a reversed Query;
 * - `ALERTGUARD#<productId>#<warehouseId>` / `ALERTGUARD`: present while the item has an OPEN or
 *   ACKNOWLEDGED alert, naming it. Its conditional put is what keeps one live alert per item.
 * Pure and APPSYNC_JS-safe.
 */
import type { AlertStatus, AlertType } from './generated/schema-enums.js';
import type { Key } from './keys.js';

export type { AlertStatus, AlertType };

export const ALERT_STATUS_INDEX = 'gsi5';
export const ALL_ALERTS_INDEX = 'gsi8';
export const ALERT_SORT_PREFIX = 'ALERT#';
export const ALL_ALERTS_PARTITION = 'ALERT#ALL';

export type AlertRecord = {
  id: string;
  type: AlertType;
  productId: string;
  warehouseId: string;
  available: number;
  onHand: number;
  threshold: number;
  status: AlertStatus;
  /** The item's sequence when the alert opened: older stock changes never resolve it. */
  sequence: number;
  createdAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** Set once the SNS message went out (a redelivery republishes only while it is unset). */
  snsPublishedAt?: string | null;
  /** Set once publishAlert reached the admin app's subscribers. */
  livePublishedAt?: string | null;
};

export type AlertGuardRecord = {
  alertId: string;
  productId: string;
  warehouseId: string;
};

export function alertKey(id: string): Key {
  return { pk: `ALERT#${id}`, sk: 'ALERT' };
}

export function alertGuardKey(productId: string, warehouseId: string): Key {
  return { pk: `ALERTGUARD#${productId}#${warehouseId}`, sk: 'ALERTGUARD' };
}

export function alertStatusPartition(status: AlertStatus): string {
  return `ALERT#STATUS#${status}`;
}

export function alertSortKey(createdAt: string, id: string): string {
  return `${ALERT_SORT_PREFIX}${createdAt}#${id}`;
}

/** The index entries of an alert in a status. */
export function alertIndexKeys(
  status: AlertStatus,
  createdAt: string,
  id: string,
): { gsi5pk: string; gsi5sk: string; gsi8pk: string; gsi8sk: string } {
  const sk = alertSortKey(createdAt, id);
  return { gsi5pk: alertStatusPartition(status), gsi5sk: sk, gsi8pk: ALL_ALERTS_PARTITION, gsi8sk: sk };
}

/** OVERSOLD below zero, LOW_STOCK at or below the threshold, none above it. */
export function alertTypeFor(available: number, threshold: number): AlertType | null {
  if (available < 0) return 'OVERSOLD';
  if (available <= threshold) return 'LOW_STOCK';
  return null;
}

/** Only an OPEN alert can be acknowledged; OPEN and ACKNOWLEDGED ones resolve. */
export function canAcknowledge(status: AlertStatus): boolean {
  return status === 'OPEN';
}

export const LIVE_ALERT_STATUSES: readonly AlertStatus[] = ['OPEN', 'ACKNOWLEDGED'];

/** Alert ids: `alr_` and 32 hex digits (derived from the event or check that opened it). */
export const ALERT_ID_PATTERN = 'alr_[0-9a-f]{32}';
