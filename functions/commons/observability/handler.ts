/**
 * Wraps a function's Lambda entry point with the observability every function shares: an X-Ray
 * subsegment for the invocation (cold start and service annotations, the error as metadata), and
 * a flush of any metrics the invocation stored, whether it returned or threw.
 */
import type { Context } from 'aws-lambda';
import { flushMetrics, functionMetrics } from './metrics.js';
import { functionTracer } from './tracer.js';

export function instrumented<E, R>(handler: (event: E, context?: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    const tracer = functionTracer();
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment(`## ${process.env['_HANDLER'] ?? 'index.handler'}`);
    if (subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      if (subsegment && error instanceof Error) tracer.addErrorAsMetadata(error);
      throw error;
    } finally {
      flushMetrics(functionMetrics());
      if (subsegment && segment) {
        subsegment.close();
        tracer.setSegment(segment);
      }
    }
  };
}
