/**
 * Lambda data sources answer `{ error: {errorType, message} }` for the product's own errors (a
 * thrown Lambda error reaches AppSync only as `Lambda:Unhandled`, losing its type).
 */
import { util } from '@aws-appsync/utils';
import { raiseDataSourceError } from './errors';

export function lambdaResult<T>(error: { message: string; type: string } | null | undefined, result: unknown): T {
  if (error) return raiseDataSourceError(error);
  const failure = (result as { error?: { errorType: string; message: string; errorInfo?: unknown } } | null)?.error;
  if (failure) util.error(failure.message, failure.errorType, null, failure.errorInfo ?? null);
  return result as T;
}
