import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One in-memory DynamoDB Local for the whole run; tests isolate by table prefix.
    globalSetup: ['tests/setup/dynamodb.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
