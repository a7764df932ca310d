/**
 * Per-file table isolation on the shared DynamoDB Local: `createTestTables()` creates every wired
 * table under a unique stage, so files running in parallel never see each other's items.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { deleteTables, ensureTables, truncateTables } from '../../local/services/tables.js';

export interface TestTables {
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  readonly stage: string;
  /** Logical → physical table names, e.g. `{ main: 'stockroom-t1a2b3-main' }`. */
  readonly names: Record<string, string>;
  /** Physical name of the `main` table. */
  readonly main: string;
  truncate(): Promise<void>;
  /** Deletes the tables and closes the client. */
  destroy(): Promise<void>;
}

export function dynamoEndpoint(): string {
  const endpoint = inject('dynamoEndpoint') ?? process.env.STOCKROOM_DYNAMO_ENDPOINT;
  if (!endpoint) throw new Error('No DynamoDB Local endpoint: is tests/setup/dynamodb.ts in vitest globalSetup?');
  return endpoint;
}

export async function createTestTables(prefix = 't'): Promise<TestTables> {
  const endpoint = dynamoEndpoint();
  const client = createDynamoClient(endpoint);
  const stage = `${prefix}${randomBytes(4).toString('hex')}`;
  const names = await ensureTables(client, { stage });
  return {
    client,
    endpoint,
    stage,
    names,
    main: names.main!,
    truncate: () => truncateTables(client, { stage }),
    destroy: async () => {
      await deleteTables(client, { stage });
      client.destroy();
    },
  };
}
