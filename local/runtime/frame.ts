/**
 * The state of one field resolution that `util`/`extensions` write to: appended errors, logs,
 * subscription filters, invalidations, response headers. Handlers run synchronously, so the
 * executor installs the frame before each call and the globals read `currentFrame()`.
 */
import type { ErrorEntry } from './signals.js';

export type AuthType =
  'API Key Authorization' | 'IAM Authorization' | 'User Pool Authorization' | 'Open ID Connect Authorization' | 'Lambda Authorization';

export interface SubscriptionFilter {
  filterGroup: { filters: { fieldName: string; operator: string; value: unknown }[] }[];
}

export interface Frame {
  /** Errors from `util.appendError` (they do not stop execution). */
  readonly appendedErrors: ErrorEntry[];
  /** `console.log`/`console.error` lines, as EvaluateCode returns them. */
  readonly logs: string[];
  /** The same calls as AppSync writes them to CloudWatch (`console-log.ts`): what the local server prints. */
  readonly cloudWatchLogs: string[];
  authType: AuthType;
  subscriptionFilter?: SubscriptionFilter;
  subscriptionInvalidationFilter?: SubscriptionFilter;
  readonly invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  readonly cacheEvictions: { typeName: string; fieldName: string; keys: Record<string, unknown> }[];
  readonly responseHeaders: Record<string, string>;
}

export function newFrame(authType: AuthType = 'API Key Authorization'): Frame {
  return { appendedErrors: [], logs: [], cloudWatchLogs: [], authType, invalidations: [], cacheEvictions: [], responseHeaders: {} };
}

let current: Frame = newFrame();

export function currentFrame(): Frame {
  return current;
}

/** Runs `fn` with `frame` installed; restores the previous frame (handlers may nest via tests). */
export function withFrame<T>(frame: Frame, fn: () => T): T {
  const previous = current;
  current = frame;
  try {
    return fn();
  } finally {
    current = previous;
  }
}
