import { describe, expect, it } from 'vitest';
import { dynamoError, Failure, serviceFailure } from '../../../../local/datasources/dynamodb/errors.js';

describe('DynamoDB errors in AppSync shape', () => {
  it.each([
    ['ConditionalCheckFailedException', 400],
    ['InternalServerError', 500],
  ])('%s carries the AWS SDK suffix with status %i', (code, status) => {
    const error = dynamoError(code, 'text', status);
    expect(error.type).toBe(`DynamoDB:${code}`);
    expect(error.message).toMatch(
      new RegExp(`^text \\(Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${code}; Request ID: [0-9a-f-]{36}\\)$`),
    );
  });

  it.each([
    [
      'a service error keeps its name',
      { name: 'ValidationException', message: 'bad', $metadata: { httpStatusCode: 400 }, $fault: 'client' },
      'DynamoDB:ValidationException',
      /^bad \(/,
      false,
    ],
    [
      'DynamoDB Local words "not found" like DynamoDB',
      { name: 'ResourceNotFoundException', message: 'Cannot do operations on a non-existent table', $metadata: {}, $fault: 'client' },
      'DynamoDB:ResourceNotFoundException',
      /^Requested resource not found \(/,
      false,
    ],
    [
      'anything else is logged and answered generically',
      new Error('connect ECONNREFUSED 127.0.0.1:8000'),
      'DynamoDB:InternalServerError',
      /^Internal server error \(/,
      true,
    ],
  ])('%s', (_name, err, type, message, logged) => {
    const lines: string[] = [];
    const failure = serviceFailure(err, (line) => lines.push(line));
    expect(failure).toBeInstanceOf(Failure);
    expect(failure.error.type).toBe(type);
    expect(failure.error.message).toMatch(message);
    expect(lines.length > 0).toBe(logged);
  });
});
