/**
 * What every fuzzed call must answer: never a 5xx; data or errors; every error typed with a type
 * the API documents (the product's and AppSync's own, as local/server/ emits them); no internal
 * text. Returns the problems found (empty: the call passed).
 */
import type { GqlResponse } from '../helpers/local-api.js';

/** The product's error types (docs/ and the schema) and AppSync's request- and field-level ones. */
export const ALLOWED_ERROR_TYPES: ReadonlySet<string> = new Set([
  'ValidationError',
  'NotFound',
  'InsufficientStock',
  'VersionConflict',
  'InvalidTransition',
  'ReservationExpired',
  'IdempotencyKeyReused',
  'Unauthorized',
  'Conflict',
  // AppSync's own (local/server/http.ts, local/server/graphql.ts).
  'UnauthorizedException',
  'MalformedHttpRequestException',
  'PayloadTooLargeException',
  'BadRequestException',
  'InvalidSyntax',
  'QueryDepthLimitReached',
  'ResolverExecutionLimitReached',
]);

/** Text that only an internal failure would put in a message: stack frames, JS or SDK errors. */
const INTERNAL_TEXT =
  /\bat \S+ \(|\.(?:ts|js):\d+|\b(?:Type|Reference|Range|Internal)Error\b|Cannot read propert|is not a function|is not defined(?! by type)|Maximum call stack|ECONN|ConditionalCheckFailed|TransactionCanceled|ResourceNotFoundException|ValidationException|ProvisionedThroughput|internal error|InternalFailure/i;

export function problemsOf(r: GqlResponse): string[] {
  const problems: string[] = [];
  if (r.status >= 500) problems.push(`HTTP ${r.status}`);
  const errors = r.body.errors ?? [];
  const hasData = r.body.data !== undefined && r.body.data !== null;
  if (!hasData && errors.length === 0) problems.push('neither data nor errors');
  if (r.status !== 200 && errors.length === 0) problems.push(`HTTP ${r.status} without errors`);
  for (const e of errors) {
    if (typeof e.errorType !== 'string' || !ALLOWED_ERROR_TYPES.has(e.errorType))
      problems.push(`untyped or unknown errorType ${JSON.stringify(e.errorType)}: ${String(e.message).slice(0, 200)}`);
    if (typeof e.message !== 'string') problems.push('error without a message');
    else if (INTERNAL_TEXT.test(e.message)) problems.push(`internal text in message: ${e.message.slice(0, 200)}`);
  }
  return problems;
}

/** A refused call: any error, or no data for its field. */
export function isRefused(r: GqlResponse): boolean {
  return r.status !== 200 || (r.body.errors ?? []).length > 0 || r.body.data === null || r.body.data === undefined;
}
