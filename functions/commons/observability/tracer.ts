/**
 * X-Ray tracing with Powertools Tracer, created once per process on first use. Infra turns on
 * active tracing (`infra/constructs/wired-function.ts`); outside Lambda (the local runtime, tests)
 * the tracer disables itself and every call here is a no-op.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DEFAULT_SERVICE_NAME } from './logger.js';

let shared: Tracer | undefined;

export function functionTracer(): Tracer {
  shared ??= new Tracer({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? DEFAULT_SERVICE_NAME });
  return shared;
}
