/**
 * The DynamoDB document client and table name of a handler, read from the environment at
 * invocation time (not at import), so the local function runner can hand the same module a
 * stage's table and DynamoDB Local's endpoint. On AWS the endpoint variable is simply unset.
 *
 * Environment: `TABLE_NAME` (set by infra for the first table grant), `AWS_REGION`,
 * optionally `AWS_ENDPOINT_URL_DYNAMODB` (local).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { functionTracer } from './observability/tracer.js';

export interface TableContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

const clients = new Map<string, DynamoDBDocumentClient>();

/** One client per (region, endpoint): reused across invocations like a warm Lambda container. */
export function documentClient(env: NodeJS.ProcessEnv = process.env): DynamoDBDocumentClient {
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const endpoint = env['AWS_ENDPOINT_URL_DYNAMODB'] || undefined;
  const cacheKey = `${region}|${endpoint ?? ''}`;
  let doc = clients.get(cacheKey);
  if (!doc) {
    // Traced on AWS (an X-Ray subsegment per call); the tracer returns the client as is elsewhere.
    doc = DynamoDBDocumentClient.from(functionTracer().captureAWSv3Client(new DynamoDBClient({ region, endpoint })), {
      marshallOptions: { removeUndefinedValues: true },
    });
    clients.set(cacheKey, doc);
  }
  return doc;
}

export function tableFromEnv(env: NodeJS.ProcessEnv = process.env): TableContext {
  const tableName = env['TABLE_NAME'];
  if (!tableName) throw new Error('TABLE_NAME is not set: the function needs a tableRead/tableReadWrite grant in build/wiring.ts');
  return { doc: documentClient(env), tableName };
}

/** True when a DynamoDB SDK error has this name (e.g. `ConditionalCheckFailedException`). */
export function isAwsError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
