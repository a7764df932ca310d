/**
 * Runs one field's resolver as AppSync does (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver and function reference overview"): unit (request → data source → response)
 * or pipeline (before → each function's request/data source/response → after), with `ctx.stash`,
 * `ctx.prev.result`, `runtime.earlyReturn`, `util.error`/`appendError` and data-source errors in
 * `ctx.error`. Knows no HTTP and no GraphQL: the server passes the context in.
 */
import type { DataSource, DataSourceError } from '../datasources/types.js';
import { newFrame, withFrame, type AuthType, type Frame } from './frame.js';
import { loadModule, type Handler } from './module-loader.js';
import { EarlyReturnSignal, UnauthorizedSignal, UtilErrorSignal, type ErrorEntry } from './signals.js';

export interface ExecutableStep {
  /** `Type.field` or `Type.field/NN.step`, used for logs and pagination-token binding. */
  readonly id: string;
  readonly code: string;
  readonly dataSource: DataSource;
}

export type ExecutableResolver =
  | { readonly kind: 'unit'; readonly id: string; readonly code: string; readonly dataSource: DataSource }
  | { readonly kind: 'pipeline'; readonly id: string; readonly code: string; readonly functions: readonly ExecutableStep[] };

export interface FieldInvocation {
  readonly arguments: Record<string, unknown>;
  readonly identity: unknown;
  readonly source: unknown;
  readonly request: { headers: Record<string, unknown>; domainName: string | null };
  readonly info: Record<string, unknown>;
  readonly env: Readonly<Record<string, string>>;
  readonly authType: AuthType;
}

export interface FieldOutcome {
  /** The field value (null when a handler raised an error). */
  readonly value: unknown;
  /** Appended errors first, then the error that stopped execution, as AppSync lists them. */
  readonly errors: readonly ErrorEntry[];
  readonly frame: Frame;
  readonly stash: Record<string, unknown>;
}

/** The context object handed to handlers. One per field resolution; stash shared by all steps. */
interface MutableContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  result: unknown;
  prev: { result: unknown } | undefined;
  error: DataSourceError | undefined;
  request: FieldInvocation['request'];
  info: Record<string, unknown>;
  env: Readonly<Record<string, string>>;
}

/** An uncaught runtime error (TypeError...) in resolver code. AppSync's exact text is unconfirmed. */
export const RUNTIME_ERROR_TYPE = 'Code';
export const RUNTIME_ERROR_MESSAGE = 'Runtime Error';

type StepOutcome =
  { kind: 'value'; value: unknown } | { kind: 'early'; value: unknown; skipTo: 'END' | 'NEXT' } | { kind: 'stop'; entry: ErrorEntry };

/** Logs resolver crashes for the operator; clients only see the generic entry. */
function logRuntimeError(id: string, error: unknown): void {
  console.error(`[resolver ${id}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

function callHandler(id: string, handler: Handler, ctx: MutableContext, frame: Frame): StepOutcome {
  try {
    return { kind: 'value', value: withFrame(frame, () => handler(ctx)) };
  } catch (signal) {
    if (signal instanceof EarlyReturnSignal) return { kind: 'early', value: signal.value, skipTo: signal.skipTo };
    if (signal instanceof UtilErrorSignal || signal instanceof UnauthorizedSignal) return { kind: 'stop', entry: signal.entry };
    logRuntimeError(id, signal);
    return { kind: 'stop', entry: { message: RUNTIME_ERROR_MESSAGE, errorType: RUNTIME_ERROR_TYPE, data: null, errorInfo: null } };
  }
}

function newContext(input: FieldInvocation): MutableContext {
  // Each field gets its own copy of the arguments, so a handler that mutates them cannot leak.
  const args = (input.arguments === undefined ? {} : JSON.parse(JSON.stringify(input.arguments))) as Record<string, unknown>;
  return {
    arguments: args,
    args,
    identity: input.identity,
    source: input.source ?? null,
    stash: {},
    result: undefined,
    prev: undefined,
    error: undefined,
    request: input.request,
    info: input.info,
    env: input.env,
  };
}

function meta(id: string, ctx: MutableContext) {
  return {
    resolverId: id,
    fieldName: String(ctx.info['fieldName'] ?? ''),
    parentTypeName: String(ctx.info['parentTypeName'] ?? ''),
    arguments: ctx.arguments,
    identity: ctx.identity,
    source: ctx.source,
    request: ctx.request,
    stash: ctx.stash,
    prev: ctx.prev,
    info: ctx.info,
  };
}

/** request → data source → response for one unit resolver or pipeline function. */
async function runStep(step: ExecutableStep, ctx: MutableContext, frame: Frame): Promise<StepOutcome> {
  const mod = loadModule(step.code, step.id);
  ctx.result = undefined;
  ctx.error = undefined;
  const requested = callHandler(step.id, mod.request, ctx, frame);
  if (requested.kind !== 'value') return requested;
  const outcome = await step.dataSource.invoke(requested.value, meta(step.id, ctx));
  ctx.result = outcome.result;
  ctx.error = outcome.error;
  const responded = callHandler(step.id, mod.response, ctx, frame);
  ctx.error = undefined;
  return responded;
}

function finish(value: unknown, stop: ErrorEntry | undefined, frame: Frame, ctx: MutableContext): FieldOutcome {
  const errors = stop ? [...frame.appendedErrors, stop] : [...frame.appendedErrors];
  return { value: stop ? null : (value ?? null), errors, frame, stash: ctx.stash };
}

export async function executeResolver(resolver: ExecutableResolver, input: FieldInvocation): Promise<FieldOutcome> {
  const frame = newFrame(input.authType);
  const ctx = newContext(input);

  if (resolver.kind === 'unit') {
    const outcome = await runStep(resolver, ctx, frame);
    return outcome.kind === 'stop' ? finish(null, outcome.entry, frame, ctx) : finish(outcome.value, undefined, frame, ctx);
  }

  const mod = loadModule(resolver.code, resolver.id);
  const before = callHandler(resolver.id, mod.request, ctx, frame);
  if (before.kind === 'stop') return finish(null, before.entry, frame, ctx);
  let prevResult = before.value;

  // An early return in the pipeline's request handler skips every function.
  if (before.kind === 'value') {
    for (const fn of resolver.functions) {
      ctx.prev = { result: prevResult };
      const outcome = await runStep(fn, ctx, frame);
      if (outcome.kind === 'stop') return finish(null, outcome.entry, frame, ctx);
      prevResult = outcome.value;
      if (outcome.kind === 'early' && outcome.skipTo === 'END') break;
    }
  }

  ctx.prev = { result: prevResult };
  ctx.result = prevResult;
  const after = callHandler(resolver.id, mod.response, ctx, frame);
  return after.kind === 'stop' ? finish(null, after.entry, frame, ctx) : finish(after.value, undefined, frame, ctx);
}
