/** `util.error`, `util.appendError`, `util.unauthorized`, `util.authType`, `runtime.earlyReturn` (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver and function reference overview"; AWS AppSync Developer Guide, "Runtime utilities"; AWS AppSync Developer Guide, "Built-in utilities"). */
import { currentFrame } from '../frame.js';
import { EarlyReturnSignal, UnauthorizedSignal, UtilErrorSignal, type ErrorEntry } from '../signals.js';

/**
 * AWS silently ignores `util.error`/`appendError` when the message, or a given error type, is not a
 * string (e.g. `util.error(25)`, `util.error("abc", 25)`) [COMMUNITY aws-appsync-community#384].
 * Reproduced on purpose: the call returns and the handler carries on. `null`/`undefined` types are
 * fine (they mean "no type"). Applying the same rule to `appendError` is [INFERRED].
 */
function entry(message: unknown, errorType: unknown, data: unknown, errorInfo: unknown): ErrorEntry | undefined {
  if (typeof message !== 'string') return undefined;
  if (errorType !== undefined && errorType !== null && typeof errorType !== 'string') return undefined;
  return { message, errorType: errorType ?? null, data: data ?? null, errorInfo: errorInfo ?? null };
}

export function error(message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
  const e = entry(message, errorType, data, errorInfo);
  if (e) throw new UtilErrorSignal(e);
}

export function appendError(message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
  const e = entry(message, errorType, data, errorInfo);
  if (e) currentFrame().appendedErrors.push(e);
}

export function unauthorized(): never {
  throw new UnauthorizedSignal();
}

export function authType(): string {
  return currentFrame().authType;
}

/** An unknown `skipTo` falls back to the default 'NEXT' [INFERRED]. */
export function earlyReturn(obj?: unknown, options?: unknown): never {
  const skipTo = typeof options === 'object' && options !== null && (options as { skipTo?: unknown }).skipTo === 'END' ? 'END' : 'NEXT';
  throw new EarlyReturnSignal(obj, skipTo);
}
