/**
 * Popularity worker (wiring: an EventBridge rule on `OrderCreated`; docs/catalog.md,
 * "Popularity"). Each distinct product of an order gains one popularity point, exactly once per
 * order and product (`increment.ts`), however often the event is delivered or replayed. Products
 * without a catalog record are skipped: there is nothing to rank. A failure throws, so
 * EventBridge retries (and finally dead-letters) the event; the markers make the retry safe.
 */
import type { Context } from 'aws-lambda';
import { instrumented } from '../commons/observability/handler.js';
import { functionLogger, type FunctionLogger } from '../commons/observability/logger.js';
import { tableFromEnv } from '../commons/table-client.js';
import { incrementPopularity, type IncrementDeps, type IncrementOutcome } from './increment.js';
import { orderCreatedFacts } from './order-event.js';

export interface PopularityResult {
  readonly orderId: string;
  readonly outcomes: Record<string, IncrementOutcome>;
}

export function createPopularityWorker(deps: IncrementDeps & { log?: FunctionLogger }): (event: unknown) => Promise<PopularityResult> {
  const log = deps.log ?? functionLogger('popularity');
  return async (event) => {
    const facts = orderCreatedFacts(event);
    const outcomes: Record<string, IncrementOutcome> = {};
    // An order has at most 50 items: its products are counted side by side.
    await Promise.all(
      facts.productIds.map(async (productId) => {
        outcomes[productId] = await incrementPopularity(facts.orderId, productId, deps);
      }),
    );
    log.info('order counted', { orderId: facts.orderId, outcomes });
    return { orderId: facts.orderId, outcomes };
  };
}

export const handler = instrumented(async (event: unknown, _context?: Context): Promise<PopularityResult> =>
  createPopularityWorker(tableFromEnv())(event),
);
