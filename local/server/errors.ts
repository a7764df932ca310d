/**
 * AppSync's error shapes. Field errors: `{message, errorType, data, errorInfo, path, locations}`
 * (HTTP 200, field null). Request errors: `{errors:[{errorType, message}]}` with 4xx. Anything
 * unexpected becomes a generic entry: no stack trace or internal text reaches a client.
 */
import { GraphQLError, type SourceLocation } from 'graphql';
import type { ErrorEntry } from '../runtime/signals.js';

/** Thrown inside field resolution to report one typed AppSync error for that field. */
export class FieldError extends Error {
  constructor(readonly entry: ErrorEntry) {
    super(entry.message);
    this.name = 'FieldError';
  }
}

export interface AppSyncLocation {
  line: number;
  column: number;
  sourceName: null;
}

export interface AppSyncError {
  path: (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: AppSyncLocation[];
  message: string;
}

export const INTERNAL_ERROR: ErrorEntry = {
  message: 'An internal error occurred.',
  errorType: 'InternalFailure',
  data: null,
  errorInfo: null,
};

export function locationsOf(locations: readonly SourceLocation[] | undefined): AppSyncLocation[] {
  return (locations ?? []).map((l) => ({ line: l.line, column: l.column, sourceName: null }));
}

export function fromEntry(
  entry: ErrorEntry,
  path: readonly (string | number)[] | undefined,
  locations: readonly SourceLocation[] | undefined,
): AppSyncError {
  return {
    path: path ? [...path] : null,
    data: entry.data ?? null,
    errorType: entry.errorType ?? null,
    errorInfo: entry.errorInfo ?? null,
    locations: locationsOf(locations),
    message: entry.message,
  };
}

export type ErrorLogger = (error: unknown) => void;

/** One execution error of graphql-js in AppSync's shape. */
export function formatExecutionError(error: GraphQLError, log: ErrorLogger): AppSyncError {
  const original = error.originalError;
  if (original instanceof FieldError) return fromEntry(original.entry, error.path, error.locations);
  if (original && !(original instanceof GraphQLError)) {
    log(original);
    return fromEntry(INTERNAL_ERROR, error.path, error.locations);
  }
  // graphql-js's own errors (non-null violations, output coercion): their text is about the query.
  return fromEntry({ message: error.message, errorType: null, data: null, errorInfo: null }, error.path, error.locations);
}

/** A pre-execution error (syntax, validation, variables): no path, typed. */
export function requestError(error: GraphQLError, errorType: string): AppSyncError {
  return { path: null, data: null, errorType, errorInfo: null, locations: locationsOf(error.locations), message: error.message };
}

export function plainError(errorType: string, message: string): { errorType: string; message: string } {
  return { errorType, message };
}
