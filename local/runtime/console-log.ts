/**
 * `console.log`/`console.error` in APPSYNC_JS code. Each call yields two lines:
 * - the EvaluateCode form (arguments joined by a space, strings as they are), what `logs` of
 *   `stockroom evaluate-code` returns;
 * - the CloudWatch form AppSync writes for APPSYNC_JS: the level (`INFO` for log, `ERROR` for
 *   error), the call site `file:line:column` in the loaded code, and every argument JSON-encoded
 *   (a string keeps its quotes), e.g. `INFO - Query.order:12:5: "loaded" {"id":"ord_1"}`. The
 *   local server prints these, so local logs read like the deployed ones.
 */
import { currentFrame } from './frame.js';

export type ConsoleLevel = 'INFO' | 'ERROR';

/** The EvaluateCode rendering of one argument. */
export function evaluateCodeArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  return jsonArg(arg);
}

/** The CloudWatch rendering of one argument: JSON, `undefined` for undefined, String() when JSON fails. */
export function jsonArg(arg: unknown): string {
  if (arg === undefined) return 'undefined';
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

/** `file:line:column` of the first stack frame in `stack` (V8 format), or `unknown`. */
export function callSiteOf(stack: string | undefined, firstLineColumnOffset = 0): string {
  const frame = (stack ?? '').split('\n').find((line) => line.trimStart().startsWith('at '));
  const match = frame ? /\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(frame) : null;
  if (!match) return 'unknown';
  const line = Number(match[2]);
  const column = line === 1 ? Math.max(1, Number(match[3]) - firstLineColumnOffset) : Number(match[3]);
  return `${match[1]}:${line}:${column}`;
}

export function cloudWatchLine(level: ConsoleLevel, callSite: string, args: readonly unknown[]): string {
  return `${level} - ${callSite}: ${args.map(jsonArg).join(' ')}`;
}

/**
 * The sandbox's `console`. `firstLineColumnOffset` is the length of the wrapper the loader puts
 * before the code on its first line, so columns there are the code's own.
 */
export function createSandboxConsole(firstLineColumnOffset: number) {
  const write = (level: ConsoleLevel, args: unknown[], stack: string | undefined): void => {
    const frame = currentFrame();
    frame.logs.push(args.map(evaluateCodeArg).join(' '));
    frame.cloudWatchLogs.push(cloudWatchLine(level, callSiteOf(stack, firstLineColumnOffset), args));
  };
  const sandboxConsole = {
    log(...args: unknown[]): void {
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder, sandboxConsole.log);
      write('INFO', args, holder.stack);
    },
    error(...args: unknown[]): void {
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder, sandboxConsole.error);
      write('ERROR', args, holder.stack);
    },
  };
  return sandboxConsole;
}
