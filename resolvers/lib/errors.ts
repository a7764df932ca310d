/**
 * The product's error types (docs/api.md, Errors) and the one mapper from data-source failures to them.
 * Raw DynamoDB text never reaches a client.
 */
import { util } from '@aws-appsync/utils';

export type ErrorType =
  | 'ValidationError'
  | 'NotFound'
  | 'InsufficientStock'
  | 'VersionConflict'
  | 'InvalidTransition'
  | 'ReservationExpired'
  | 'IdempotencyKeyReused'
  | 'Unauthorized'
  | 'Conflict';

export function fail(message: string, type: ErrorType, errorInfo?: Record<string, unknown>): never {
  return util.error(message, type, null, errorInfo ?? null);
}

/** Field-naming validation error. */
export function invalid(field: string, message: string): never {
  return util.error(`${field}: ${message}`, 'ValidationError', null, { field });
}

/** DynamoDB contention that a retry with the same idempotency key resolves. */
const RETRYABLE = [
  'DynamoDB:TransactionConflictException',
  'DynamoDB:ProvisionedThroughputExceededException',
  'DynamoDB:ThrottlingException',
  'DynamoDB:RequestLimitExceeded',
];

/**
 * Maps `ctx.error` of a data source that the resolver did not expect to a typed error.
 * Contention becomes a retryable `Conflict`; anything else is an internal error with a generic
 * message (the details stay in the server log).
 */
export function raiseDataSourceError(error: { message: string; type: string }, reasons?: { type?: string }[] | null): never {
  // Operators see the cause in the resolver log (CloudWatch on AWS); clients never do.
  console.error(`data source error ${error.type}: ${error.message}`);
  const conflicted = (reasons ?? []).some(
    (r) => r.type === 'TransactionConflict' || r.type === 'ThrottlingError' || r.type === 'ProvisionedThroughputExceeded',
  );
  if (conflicted || RETRYABLE.indexOf(error.type) >= 0) {
    return util.error('The request conflicted with concurrent writes; retry it with the same request id.', 'Conflict', null, {
      retryable: true,
    });
  }
  return util.error('An internal error occurred.', 'InternalFailure', null, null);
}
