/**
 * The low-stock alerter's rules (docs/alerts.md), one EventBridge event at a time:
 * - `LowStockDetected` / `InventoryOversold`: open an alert (LOW_STOCK / OVERSOLD) unless the item
 *   has a live (OPEN or ACKNOWLEDGED) one, then publish it to SNS and live, each publication
 *   marked on the alert so a redelivery republishes only what is still unmarked;
 * - `StockChanged` above the threshold: resolve the item's live alert.
 * The alert id derives from the event id, so a redelivered event finds its own alert.
 */
import type { AlertRecord } from '../../model/alerts.js';
import { alertTypeFor } from '../../model/alerts.js';
import { isObject } from '../commons/inventory-model.js';
import type { FunctionLogger } from '../commons/observability/logger.js';
import {
  alertIdFor,
  loadAlert,
  loadItem,
  claimPublication,
  markPublished,
  openAlert,
  releaseClaim,
  resolveAlert,
  type AlertCandidate,
  type AlertStore,
  type PublishMark,
} from './alert-store.js';
import type { SendAlert } from './notify.js';

export interface AlerterDeps {
  readonly store: AlertStore;
  readonly sendSns: SendAlert;
  /** The live push (publishAlert); without it only SNS is told. */
  readonly sendLive?: SendAlert;
  readonly log: FunctionLogger;
  readonly now?: () => string;
}

export type AlerterOutcome = 'opened' | 'redelivered' | 'held' | 'recovered' | 'resolved' | 'ignored';

/** The fields of an inventory event's `data` the alerter reads (events/*.json). */
export interface StockEventData {
  readonly productId: string;
  readonly warehouseId: string;
  readonly available: number;
  readonly onHand: number;
  readonly threshold: number;
  readonly sequence: number;
}

export class AlertEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertEventError';
  }
}

function stockData(detail: Record<string, unknown>): StockEventData {
  const data = detail['data'];
  if (!isObject(data)) throw new AlertEventError('event detail has no data');
  const text = (field: string): string => {
    const v = data[field];
    if (typeof v !== 'string' || v === '') throw new AlertEventError(`data.${field} must be a non-empty string`);
    return v;
  };
  const int = (field: string): number => {
    const v = data[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new AlertEventError(`data.${field} must be an integer`);
    return v;
  };
  return {
    productId: text('productId'),
    warehouseId: text('warehouseId'),
    available: int('available'),
    onHand: int('onHand'),
    threshold: int('threshold'),
    sequence: int('sequence'),
  };
}

export function createAlerter(deps: AlerterDeps) {
  const now = deps.now ?? (() => new Date().toISOString());

  /**
   * SNS first, then live; each claimed (one of concurrent deliveries publishes), then marked once
   * sent. A failure gives the claim back and throws: the event is redelivered and publishes again.
   */
  async function publishOnce(alert: AlertRecord, mark: PublishMark, send: SendAlert): Promise<void> {
    if (alert[mark]) return;
    if (!(await claimPublication(deps.store, alert.id, mark, Date.parse(now())))) return;
    try {
      await send(alert);
    } catch (error) {
      await releaseClaim(deps.store, alert.id, mark);
      throw error;
    }
    await markPublished(deps.store, alert.id, mark, now());
  }

  async function deliver(alert: AlertRecord): Promise<void> {
    await publishOnce(alert, 'snsPublishedAt', deps.sendSns);
    if (deps.sendLive) await publishOnce(alert, 'livePublishedAt', deps.sendLive);
  }

  /** Opens (or finds again) the alert of `origin` for an item at or below its threshold. */
  async function open(origin: string, data: StockEventData, createdAt: string): Promise<AlerterOutcome> {
    const id = alertIdFor(origin);
    const earlier = await loadAlert(deps.store, id);
    if (earlier) {
      await deliver(earlier);
      return 'redelivered';
    }
    const type = alertTypeFor(data.available, data.threshold);
    if (!type) return 'ignored';
    // Events arrive in any order: an item that already rose above its threshold needs no alert.
    const current = await loadItem(deps.store, data.productId, data.warehouseId);
    if (!current || alertTypeFor(current.available, current.threshold) === null) return 'recovered';
    const candidate: AlertCandidate = {
      type,
      productId: data.productId,
      warehouseId: data.warehouseId,
      available: data.available,
      onHand: data.onHand,
      threshold: data.threshold,
      sequence: data.sequence,
      createdAt,
    };
    const alert = await openAlert(deps.store, id, candidate);
    if (!alert) return 'held';
    await deliver(alert);
    return 'opened';
  }

  return {
    open,
    async handle(event: { 'detail-type'?: unknown; detail?: unknown }): Promise<AlerterOutcome> {
      const type = event['detail-type'];
      const detail = event.detail;
      if (!isObject(detail) || typeof detail['eventId'] !== 'string') throw new AlertEventError('event detail has no eventId');
      const occurredAt = typeof detail['occurredAt'] === 'string' ? detail['occurredAt'] : now();
      const data = stockData(detail);
      let outcome: AlerterOutcome = 'ignored';
      if (type === 'LowStockDetected' || type === 'InventoryOversold') outcome = await open(`event#${detail['eventId']}`, data, occurredAt);
      else if (type === 'StockChanged' && data.available > data.threshold) {
        const resolved = await resolveAlert(deps.store, data.productId, data.warehouseId, data.sequence, occurredAt);
        if (resolved) outcome = 'resolved';
      }
      deps.log.info('alert event handled', { type, eventId: detail['eventId'], outcome, ...data });
      return outcome;
    },
  };
}
