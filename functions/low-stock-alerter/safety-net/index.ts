/**
 * The low-stock safety net on its 5-minute schedule (wiring `low-stock-safety-net`): catches items
 * at or below their threshold that have no live alert (an event lost to the DLQ, an item
 * imported below its threshold) and opens one the way the alerter does (`check.ts`).
 *
 * Environment: as the alerter (`TABLE_NAME`, `ALERT_TOPIC_ARN`, `GRAPHQL_URL`).
 */
import type { Context } from 'aws-lambda';
import { instrumented } from '../../commons/observability/handler.js';
import { createAlerter } from '../alerter.js';
import { alerterDepsFromEnv } from '../index.js';
import { runSafetyNet, type SafetyNetReport } from './check.js';

/** Stop starting pages this long before the function's timeout. */
const TIME_MARGIN_MS = 5_000;

export const handler = instrumented(async (_event: unknown, context?: Context): Promise<SafetyNetReport> => {
  const deps = alerterDepsFromEnv();
  const alerter = createAlerter(deps);
  const report = await runSafetyNet(
    deps.store,
    (origin, item) => alerter.open(origin, item, new Date().toISOString()),
    () => !context || context.getRemainingTimeInMillis() > TIME_MARGIN_MS,
  );
  deps.log.info('low-stock safety net ran', { ...report });
  return report;
});
