/**
 * The functions' structured logger: Powertools Logger, created once per process on first use (so
 * it reads `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_LOG_LEVEL` from the environment the function
 * runs with, locally too). Events are never logged: they can hold personal data, so nothing here
 * calls `injectLambdaContext`/`logEventIfEnabled`, and infra sets `POWERTOOLS_LOGGER_LOG_EVENT=false`.
 *
 * Every line keeps the fields the functions have always logged, in this order:
 * `level`, `message`, `source` (the function's folder), `timestamp` (ISO 8601, UTC), then the
 * caller's fields; an `Error` anywhere in them is written as `{ name, message }` (no stack: it can
 * carry request data and log volume). Powertools' own attributes (service, sampling rate, trace
 * id) are left out so dashboards and metric filters keep matching.
 */
import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

export type LogFields = Record<string, unknown>;

/** What a function module logs with (tests pass their own, e.g. a silent one). */
export interface FunctionLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const DEFAULT_SERVICE_NAME = 'stockroom';

/** `level, message, source, timestamp, ...fields`: the functions' log line shape. */
export class FunctionLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const { source, ...fields } = additional;
    const base: LogAttributes = { level: attributes.logLevel, message: attributes.message };
    if (source !== undefined) base['source'] = source;
    base['timestamp'] = attributes.timestamp.toISOString();
    return new LogItem({ attributes: base }).addAttributes(fields);
  }

  override formatError(error: Error): LogAttributes {
    return { name: error.name, message: error.message };
  }
}

let root: Logger | undefined;

/** The one Powertools Logger of this process (children add their `source`). */
export function rootLogger(): Logger {
  root ??= new Logger({
    serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? DEFAULT_SERVICE_NAME,
    logFormatter: new FunctionLogFormatter(),
  });
  return root;
}

/**
 * The logger of one function (`source` = its folder). Safe to call at import: the Powertools
 * logger behind it is created at the first line logged, inside an invocation.
 */
export function functionLogger(source: string): FunctionLogger {
  let child: Logger | undefined;
  const logger = (): Logger => (child ??= rootLogger().createChild({ persistentKeys: { source } }));
  return {
    debug: (message, fields) => logger().debug(message, fields ?? {}),
    info: (message, fields) => logger().info(message, fields ?? {}),
    warn: (message, fields) => logger().warn(message, fields ?? {}),
    error: (message, fields) => logger().error(message, fields ?? {}),
  };
}
