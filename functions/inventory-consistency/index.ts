/**
 * Inventory consistency (wiring: `inventory-consistency`, a Lambda data source `consistency`,
 * and a schedule every 5 minutes, the safety-net cadence for stock checks). One handler:
 *
 * - AppSync (the thin resolvers of `Query.checkInventoryConsistency` and `Mutation.repairInventory`
 *   invoke it with the payload `{action:'check'|'repair', productId, warehouseId?, actor}`):
 *   `check` returns a `ConsistencyReport`; `repair` returns the repaired stock item. A caller's
 *   mistake (bad ids, unknown item, a repair that kept conflicting) is returned as data,
 *   `{ error: { errorType: 'ValidationError'|'NotFound'|'Conflict', message } }` (what
 *   `resolvers/lib/lambda-errors.ts` reads), for the resolver to raise with `util.error`: AppSync would flatten a thrown error to
 *   `Lambda:Unhandled`, and the function's error alarm must not fire on user input. Anything
 *   else throws (a real failure).
 * - EventBridge Scheduled Event: checks the products of the next slice of the table (at most
 *   `CONSISTENCY_SCAN_LIMIT` rows per run, resumed from a cursor record) and publishes the CloudWatch metric
 *   `InconsistencyCount` (Powertools Metrics: namespace `Stockroom`, dimensions `service` and
 *   `stage`) that infra alarms on, as one EMF line raw to stdout (`commons/observability/metrics.ts`);
 *   returns `{products, inconsistentItems, reports}` (only the inconsistent reports).
 */
import type { Context } from 'aws-lambda';
import { isObject, type InventoryState } from '../commons/inventory-model.js';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger } from '../commons/observability/logger.js';
import { createMetrics, flushMetrics, functionMetrics, takeEmfLine, type EmitLine } from '../commons/observability/metrics.js';
import { tableFromEnv } from '../commons/table-client.js';
import { checkProduct, heldWithinBudget, nextProductIds, type CheckDeps, type ConsistencyReport } from './check.js';
import { FunctionError } from './errors.js';
import { checkPaged, type PagedConsistencyReport } from './paged-check.js';
import { repairItem } from './repair.js';

export { FunctionError } from './errors.js';
export type { ConsistencyReport, ItemConsistency } from './check.js';
export type { PagedConsistencyReport } from './paged-check.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const log = functionLogger('inventory-consistency');

export type ConsistencyRequest =
  | { action: 'check'; productId: string; nextToken?: string }
  | { action: 'repair'; productId: string; warehouseId: string; actor: string; nextToken?: string }
  | { action: 'scheduled' };

export interface RepairedItem extends InventoryState {
  repaired: boolean;
  reservedBefore: number;
  complete: boolean;
  nextToken?: string;
}

export interface ScheduledSummary {
  products: number;
  /** The products this run checked (one slice of the table). */
  checked: string[];
  inconsistentItems: number;
  /** False when ACTIVE holds exceeded `CONSISTENCY_HOLD_BUDGET`: reserved was not compared this run. */
  holdsCounted: boolean;
  reports: ConsistencyReport[];
}

function requireId(payload: Record<string, unknown>, field: string): string {
  const v = payload[field];
  if (typeof v !== 'string' || !ID.test(v)) throw new FunctionError('ValidationError', `${field} is missing or malformed.`);
  return v;
}

/** The optional continuation token of a paged check or repair (absent or null: a new count). */
function optionalToken(payload: Record<string, unknown>): { nextToken?: string } {
  const v = payload['nextToken'];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'string') throw new FunctionError('ValidationError', 'nextToken must be a string.');
  return { nextToken: v };
}

/** Tells an AppSync payload from a Scheduled Event, with explicit checks. */
export function parseRequest(event: unknown): ConsistencyRequest {
  if (!isObject(event)) throw new FunctionError('ValidationError', 'The event must be an object.');
  if (event['source'] === 'aws.events' && event['detail-type'] === 'Scheduled Event') return { action: 'scheduled' };
  const action = event['action'];
  if (action === 'check') return { action, productId: requireId(event, 'productId'), ...optionalToken(event) };
  if (action === 'repair') {
    const actor = event['actor'];
    if (typeof actor !== 'string' || actor === '') throw new FunctionError('ValidationError', 'actor is required for a repair.');
    return {
      action,
      productId: requireId(event, 'productId'),
      warehouseId: requireId(event, 'warehouseId'),
      actor,
      ...optionalToken(event),
    };
  }
  throw new FunctionError('ValidationError', `Unknown action ${JSON.stringify(action)}: expected "check" or "repair".`);
}

export const INCONSISTENCY_METRIC = 'InconsistencyCount';

/** Stores `InconsistencyCount` with the `stage` dimension (`service` is the instance's default). */
export function recordInconsistencyCount(metrics: Metrics, count: number, stage: string): void {
  metrics.addDimension('stage', stage);
  metrics.addMetric(INCONSISTENCY_METRIC, MetricUnit.Count, count);
}

/** The embedded metric format line for `InconsistencyCount`, as a run publishes it. */
export function inconsistencyMetric(count: number, service: string, stage: string, at: Date = new Date()): string {
  const metrics = createMetrics(service);
  recordInconsistencyCount(metrics, count, stage);
  metrics.setTimestamp(at);
  return takeEmfLine(metrics) ?? '';
}

export interface ConsistencyOptions {
  readonly confirmDelayMs?: number;
  /** Reservation records a scheduled run reads at most (default `CONSISTENCY_HOLD_BUDGET`, else 100,000). */
  readonly holdBudget?: number;
  /** Where the EMF line goes (default: raw to stdout, as Lambda's EMF extraction needs). */
  readonly emit?: EmitLine;
}

export async function runScheduledCheck(deps: CheckDeps, options: ConsistencyOptions = {}): Promise<ScheduledSummary> {
  const products = await nextProductIds(deps);
  const held = await heldWithinBudget(deps, options.holdBudget);
  if (!held)
    log.warn('ACTIVE holds exceed the scheduled run budget: reserved not compared this run (checkInventoryConsistency pages per product)', {
      holdBudget: options.holdBudget,
    });
  let reloaded: ReturnType<typeof heldWithinBudget> | undefined;
  const reports: ConsistencyReport[] = [];
  const queue = [...products];
  await Promise.all(
    Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        reports.push(
          await checkProduct(deps, p, {
            held,
            confirmDelayMs: options.confirmDelayMs,
            reloadHeld: () => (reloaded ??= held ? heldWithinBudget(deps, options.holdBudget) : Promise.resolve(null)),
          }),
        );
      }
    }),
  );
  const bad = reports.filter((r) => !r.consistent);
  const inconsistentItems = bad.reduce((n, r) => n + r.items.filter((i) => i.mismatches.length > 0).length, 0);
  const metrics = functionMetrics();
  recordInconsistencyCount(metrics, inconsistentItems, process.env['STAGE'] ?? 'unknown');
  flushMetrics(metrics, options.emit);
  if (inconsistentItems > 0) log.warn('inventory inconsistencies found', { inconsistentItems, products: bad.map((r) => r.productId) });
  return {
    products: products.length,
    checked: products,
    inconsistentItems,
    holdsCounted: held !== null,
    reports: bad.sort((a, b) => (a.productId < b.productId ? -1 : 1)),
  };
}

export interface ConsistencyErrorResult {
  error: { errorType: FunctionError['errorType']; message: string };
}

export type ConsistencyResult = PagedConsistencyReport | RepairedItem | ScheduledSummary | ConsistencyErrorResult;

export function createConsistencyHandler(deps: () => CheckDeps, options: ConsistencyOptions = {}) {
  return async (event: unknown): Promise<ConsistencyResult> => {
    try {
      return await serve(parseRequest(event));
    } catch (error) {
      if (error instanceof FunctionError) return { error: { errorType: error.errorType, message: error.message } };
      throw error;
    }
  };

  async function serve(request: ConsistencyRequest): Promise<PagedConsistencyReport | RepairedItem | ScheduledSummary> {
    switch (request.action) {
      case 'check':
        return checkPaged(deps(), request.productId, request.nextToken, options.confirmDelayMs);
      case 'repair': {
        const result = await repairItem(deps(), request.productId, request.warehouseId, request.actor, request.nextToken);
        if (result.repaired)
          log.info('stock item repaired', {
            productId: request.productId,
            warehouseId: request.warehouseId,
            reservedBefore: result.reservedBefore,
            reservedAfter: result.item.reserved,
          });
        return {
          ...result.item,
          repaired: result.repaired,
          reservedBefore: result.reservedBefore,
          complete: result.complete,
          ...(result.nextToken ? { nextToken: result.nextToken } : {}),
        };
      }
      case 'scheduled':
        return runScheduledCheck(deps(), options);
    }
  }
}

const fromEnv = createConsistencyHandler(() => tableFromEnv());

export const handler = instrumented(async (event: unknown, _context?: Context): Promise<ConsistencyResult> => fromEnv(event));
