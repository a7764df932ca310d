/**
 * The functions' CloudWatch metrics: Powertools Metrics, created once per process on first use,
 * namespace from `POWERTOOLS_METRICS_NAMESPACE` and the `service` dimension from
 * `POWERTOOLS_SERVICE_NAME` (infra sets both: `infra/constructs/wired-function.ts`).
 *
 * Stored metrics are flushed as one embedded-metric-format (EMF) line written raw to stdout:
 * under Lambda's JSON log format a `console.log` line is wrapped into a `message` string and
 * CloudWatch would extract no metric from it.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DEFAULT_SERVICE_NAME, functionLogger } from './logger.js';

export const DEFAULT_METRICS_NAMESPACE = 'Stockroom';

/** Where EMF lines go; tests pass a collector. */
export type EmitLine = (line: string) => void;

export const stdoutLine: EmitLine = (line) => void process.stdout.write(`${line}\n`);

/** A Metrics instance for this service and namespace (read from the environment now). */
export function createMetrics(serviceName = process.env['POWERTOOLS_SERVICE_NAME'] ?? DEFAULT_SERVICE_NAME): Metrics {
  return new Metrics({
    namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? DEFAULT_METRICS_NAMESPACE,
    serviceName,
    // Its warnings (an invalid dimension, a stale timestamp) as our log lines.
    logger: functionLogger('metrics'),
  });
}

let shared: Metrics | undefined;

/** The one Metrics instance of this process. */
export function functionMetrics(): Metrics {
  shared ??= createMetrics();
  return shared;
}

/** The stored metrics as one EMF line (and cleared), or `undefined` when none are stored. */
export function takeEmfLine(metrics: Metrics): string | undefined {
  if (!metrics.hasStoredMetrics()) return undefined;
  try {
    return JSON.stringify(metrics.serializeMetrics());
  } finally {
    metrics.clearMetrics();
    metrics.clearDimensions();
    metrics.clearMetadata();
  }
}

/**
 * Writes the stored metrics (if any) as one EMF line. `POWERTOOLS_METRICS_DISABLED=true` drops
 * them; `POWERTOOLS_DEV` does not (the local runner sets it for readable logs, and its metric
 * lines should still print as on AWS).
 */
export function flushMetrics(metrics: Metrics = functionMetrics(), emit: EmitLine = stdoutLine): void {
  const line = takeEmfLine(metrics);
  if (line !== undefined && process.env['POWERTOOLS_METRICS_DISABLED'] !== 'true') emit(line);
}
