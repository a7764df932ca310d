/**
 * The AppSync shapes of DynamoDB data source failures: `DynamoDB:<ExceptionName>` with the AWS Java
 * SDK message suffix AppSync relays, and `MappingTemplate` for requests that cannot be parsed
 * (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB").
 */
import { randomUUID } from 'node:crypto';
import type { DataSourceError } from '../types.js';

/** An AppSync-shaped failure carried out of the operation code. */
export class Failure {
  constructor(
    readonly error: DataSourceError,
    readonly result: unknown = null,
  ) {}
}

export const shapeError = (message: string): Failure => new Failure({ type: 'MappingTemplate', message });

export function awsSuffix(code: string, status = 400): string {
  return ` (Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()})`;
}

export function dynamoError(code: string, message: string, status = 400): DataSourceError {
  return { type: `DynamoDB:${code}`, message: `${message}${awsSuffix(code, status)}` };
}

export const CONDITIONAL_FAILED_MESSAGE = 'The conditional request failed';
export const THROTTLE_MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

/** DynamoDB Local words a few errors differently from DynamoDB; clients should see AWS's text. */
export function awsMessage(name: string, message: string): string {
  if (name === 'ResourceNotFoundException') return 'Requested resource not found';
  return message;
}

/**
 * A service error (has `$metadata` and `$fault`) in AppSync's shape; anything else (connection
 * refused, timeouts, bugs) is logged here and answered with a generic error, so local internals
 * never reach a response.
 */
export function serviceFailure(err: unknown, log: (message: string) => void, result: unknown = null): Failure {
  if (err instanceof Failure) return err;
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string } | null;
  if (e && typeof e.name === 'string' && e.$metadata && e.$fault) {
    return new Failure(dynamoError(e.name, awsMessage(e.name, e.message ?? e.name), e.$metadata.httpStatusCode ?? 400), result);
  }
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return new Failure(dynamoError('InternalServerError', 'Internal server error', 500), result);
}

export function tooMany(operation: string, limit: number, count: number): Failure {
  return new Failure(
    dynamoError('ValidationException', `Too many items requested for the ${operation} call: ${count} (the limit is ${limit})`),
  );
}
