/**
 * vitest globalSetup: one in-memory DynamoDB Local for the whole test run. Tests read its
 * endpoint with `inject('dynamoEndpoint')` or `process.env.STOCKROOM_DYNAMO_ENDPOINT`, and isolate
 * themselves with unique table prefixes (`tests/setup/tables.ts`).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../local/services/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  // Workers are forked after globalSetup, so they inherit this too.
  process.env.STOCKROOM_DYNAMO_ENDPOINT = dynamo.endpoint;
  return async () => {
    await dynamo.stop();
  };
}
