/**
 * The local counterpart of `aws appsync evaluate-code`: runs one handler of one module against a
 * context document and returns what AWS's EvaluateCode returns
 * (`evaluationResult`, `error`, `logs`, `stash`, `outErrors`).
 */
import { newFrame, withFrame, type AuthType } from './frame.js';
import { loadModule, ModuleLoadError } from './module-loader.js';
import { EarlyReturnSignal, UnauthorizedSignal, UtilErrorSignal } from './signals.js';

export interface EvaluateCodeResult {
  evaluationResult: string | null;
  error: { message: string; codeErrors: CodeError[] } | null;
  logs: string[];
  stash: string;
  outErrors: string;
}

export interface CodeError {
  errorType: string;
  value: string;
  location?: { line: number; column: number; span: number };
}

export interface EvaluateCodeInput {
  code: string;
  context: Record<string, unknown>;
  fn: 'request' | 'response';
}

/**
 * EvaluateCode infers the auth mode from the identity's shape (AWS AppSync Developer Guide, "Built-in utilities", AWS-REC):
 * resolverContext (or `{}`) → Lambda; full IAM shape → IAM; user-pool shape → User Pool;
 * exactly sub/issuer/claims → OIDC; anything else → API key.
 */
export function authTypeFromIdentity(identity: unknown): AuthType {
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) return 'API Key Authorization';
  const keys = Object.keys(identity);
  const has = (...names: string[]) => names.every((n) => keys.includes(n));
  if (keys.length === 0 || has('resolverContext')) return 'Lambda Authorization';
  if (has('userArn', 'accountId', 'sourceIp')) return 'IAM Authorization';
  if (has('sourceIp', 'defaultAuthStrategy', 'username')) return 'User Pool Authorization';
  if (keys.length === 3 && has('sub', 'issuer', 'claims')) return 'Open ID Connect Authorization';
  return 'API Key Authorization';
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Line/column of the first frame inside the evaluated code, for the `code.js:L:C:` prefix. */
function codeLocation(error: { stack?: string }, filename: string): string {
  const m = new RegExp(`${filename.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(error.stack ?? '');
  return m ? `${filename}:${m[1]}:${m[2]}: ` : '';
}

export function evaluateCode(input: EvaluateCodeInput): EvaluateCodeResult {
  const filename = 'code.js';
  const context = input.context;
  const stash = (context['stash'] && typeof context['stash'] === 'object' ? context['stash'] : {}) as Record<string, unknown>;
  const args = (context['arguments'] ?? context['args'] ?? {}) as Record<string, unknown>;
  const ctx = {
    arguments: args,
    args,
    identity: context['identity'],
    source: context['source'] ?? null,
    stash,
    result: context['result'],
    prev: context['prev'],
    error: context['error'],
    request: context['request'] ?? { headers: {}, domainName: null },
    info: context['info'] ?? {},
    env: context['env'] ?? {},
  };
  const frame = newFrame(authTypeFromIdentity(context['identity']));
  const done = (evaluationResult: string | null, error: EvaluateCodeResult['error']): EvaluateCodeResult => ({
    evaluationResult,
    error,
    logs: frame.logs,
    stash: JSON.stringify(ctx.stash),
    outErrors: JSON.stringify(frame.appendedErrors),
  });

  let mod;
  try {
    mod = loadModule(input.code, filename);
  } catch (error) {
    const message = error instanceof ModuleLoadError ? error.message : String(error);
    return done(null, { message: 'The code contains one or more errors.', codeErrors: [{ errorType: 'PARSER_ERROR', value: message }] });
  }
  try {
    const value = withFrame(frame, () => mod[input.fn](ctx));
    return done(toJson(value), null);
  } catch (signal) {
    if (signal instanceof EarlyReturnSignal) return done(toJson(signal.value), null);
    if (signal instanceof UtilErrorSignal || signal instanceof UnauthorizedSignal) {
      return done(null, { message: signal.entry.message, codeErrors: [] });
    }
    // Errors thrown inside the vm come from another realm: read them by shape, not instanceof.
    const err = (typeof signal === 'object' && signal !== null ? signal : { message: String(signal) }) as {
      name?: string;
      message?: string;
      stack?: string;
    };
    return done(null, { message: `${codeLocation(err, filename)}${err.name ?? 'Error'}: ${err.message ?? ''}`, codeErrors: [] });
  }
}
