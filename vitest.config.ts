import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One in-memory DynamoDB Local for the whole run; tests isolate by table prefix.
    globalSetup: ['tests/setup/dynamodb.ts'],
    // Node 20 is a supported local runtime here; the SDK's end-of-support notice is noise in test logs.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
