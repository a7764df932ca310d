/**
 * API errors in words a person understands, with the AppSync `errorType` kept beside them so an
 * operator can search the docs (docs/api.md lists the types).
 */

export interface GraphqlErrorShape {
  readonly message: string;
  readonly errorType?: string | null;
  readonly data?: unknown;
  readonly errorInfo?: unknown;
}

/** What went wrong with one API call: the first error's type, every message, and the error data. */
export class ApiError extends Error {
  readonly errorType: string;
  readonly errors: readonly GraphqlErrorShape[];

  constructor(errorType: string, message: string, errors: readonly GraphqlErrorShape[] = []) {
    super(message);
    this.name = 'ApiError';
    this.errorType = errorType;
    this.errors = errors;
  }
}

const EXPLANATIONS: Record<string, string> = {
  ValidationError: 'The request was not accepted: a value is missing or out of range.',
  NotFound: 'That record does not exist (or is no longer there).',
  InsufficientStock: 'There is not enough available stock for this.',
  VersionConflict: 'Someone else changed this record since you loaded it.',
  InvalidTransition: 'That status change is not allowed from the current status.',
  ReservationExpired: 'The reservation expired before this could be done.',
  IdempotencyKeyReused: 'This request id was already used for a different request.',
  Unauthorized: 'You are not allowed to do this.',
  UnauthorizedException: 'Your session is not valid any more: sign in again.',
  Conflict: 'The record changed while this was running: try again.',
  NetworkError: 'The API could not be reached: check the connection and try again.',
  UploadFailed: 'The file could not be uploaded to storage: try again, or start a new import.',
};

/** A sentence for the screen: what the type means, then what the server said. */
export function describeError(error: unknown): { type: string; summary: string; detail: string } {
  if (error instanceof ApiError) {
    return {
      type: error.errorType,
      summary: EXPLANATIONS[error.errorType] ?? 'The API could not do this.',
      detail: error.message,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { type: 'Error', summary: 'Something went wrong in the app.', detail };
}
