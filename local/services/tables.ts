/**
 * Creates the wired tables (`build/wiring.ts`, the same description the CDK stack reads) in
 * DynamoDB Local: keys, GSIs (ALL projection), stream, TTL, on-demand billing. Idempotent.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTimeToLiveCommand,
  BatchWriteItemCommand,
  type AttributeDefinition,
  type AttributeValue,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { resourceName, wiring, type TableSpec } from '../../build/wiring.js';

export interface TableOptions {
  readonly stage: string;
  /** Physical name of a logical table; default `resourceName(stage, logical)`. */
  readonly tableName?: (logical: string) => string;
  /** Tables to create; default every table of the wiring. */
  readonly tables?: readonly TableSpec[];
}

function physicalName(options: TableOptions, logical: string): string {
  return options.tableName ? options.tableName(logical) : resourceName(options.stage, logical);
}

function keySchema(pk: { name: string }, sk?: { name: string }): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: pk.name, KeyType: 'HASH' }];
  if (sk) schema.push({ AttributeName: sk.name, KeyType: 'RANGE' });
  return schema;
}

function attributeDefinitions(spec: TableSpec): AttributeDefinition[] {
  const defs = new Map<string, AttributeDefinition>();
  const add = (a?: { name: string; type: 'S' | 'N' | 'B' }): void => {
    if (a) defs.set(a.name, { AttributeName: a.name, AttributeType: a.type });
  };
  add(spec.partitionKey);
  add(spec.sortKey);
  for (const gsi of spec.globalSecondaryIndexes) {
    add(gsi.partitionKey);
    add(gsi.sortKey);
  }
  return [...defs.values()];
}

/** Creates every table (existing ones are left as they are); returns logical → physical names. */
export async function ensureTables(client: DynamoDBClient, options: TableOptions): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const spec of options.tables ?? wiring.tables) {
    const TableName = physicalName(options, spec.name);
    names[spec.name] = TableName;
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keySchema(spec.partitionKey, spec.sortKey),
          AttributeDefinitions: attributeDefinitions(spec),
          GlobalSecondaryIndexes: spec.globalSecondaryIndexes.length
            ? spec.globalSecondaryIndexes.map((gsi) => ({
                IndexName: gsi.name,
                KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
                Projection: { ProjectionType: 'ALL' },
              }))
            : undefined,
          StreamSpecification: spec.stream ? { StreamEnabled: true, StreamViewType: spec.stream } : undefined,
        }),
      );
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
      continue; // exists: assume it was created from this description earlier
    }
    if (spec.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: spec.timeToLiveAttribute } }),
      );
    }
  }
  return names;
}

/** Deletes the wired tables of a stage (missing tables are ignored). */
export async function deleteTables(client: DynamoDBClient, options: TableOptions): Promise<void> {
  for (const spec of options.tables ?? wiring.tables) {
    try {
      await client.send(new DeleteTableCommand({ TableName: physicalName(options, spec.name) }));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
  }
}

/** Removes every item of one table, keeping the table (tests). */
export async function truncateTable(client: DynamoDBClient, TableName: string): Promise<number> {
  const description = await client.send(new DescribeTableCommand({ TableName }));
  const keyNames = (description.Table?.KeySchema ?? []).map((k) => k.AttributeName!);
  let deleted = 0;
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName, ExclusiveStartKey }));
    const keys = (page.Items ?? []).map((item) => Object.fromEntries(keyNames.map((k) => [k, item[k]!])));
    for (let i = 0; i < keys.length; i += 25) {
      let pending: Record<string, { DeleteRequest: { Key: Record<string, AttributeValue> } }[]> | undefined = {
        [TableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
      };
      while (pending && Object.keys(pending).length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: pending }));
        pending = out.UnprocessedItems as typeof pending;
      }
    }
    deleted += keys.length;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return deleted;
}

/** Truncates every wired table of a stage. */
export async function truncateTables(client: DynamoDBClient, options: TableOptions): Promise<void> {
  for (const spec of options.tables ?? wiring.tables) await truncateTable(client, physicalName(options, spec.name));
}
