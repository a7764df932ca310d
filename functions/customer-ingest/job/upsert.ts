/**
 * The customer write of one valid row: a conditional UpdateItem where a strictly newer
 * `updatedAt` wins (ISO 8601 UTC strings compare as times). An equal or older one is skipped —
 * unless the stored version is this very row (same import, same row): then a run that crashed
 * after the write but before its checkpoint is redoing it, and it counts as applied, once.
 */
import { BatchGetCommand, UpdateCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerIndexKeys, customerKey } from '../../../model/customers/keys.js';
import type { CustomerRecord } from '../../../model/customers/records.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isAwsError } from '../../commons/table-client.js';

export type UpsertOutcome = 'applied' | 'older';

export interface CustomerWrite {
  readonly customer: Omit<CustomerRecord, 'createdAt'>;
}

/**
 * The conditional write itself, shared by the job and the benchmark's raw write limit (so both
 * send the same item shape, expression and return options).
 */
export function customerUpsertCommand(tableName: string, c: Omit<CustomerRecord, 'createdAt'>, now: string): UpdateCommand {
  return new UpdateCommand({
    TableName: tableName,
    Key: customerKey(c.id),
    UpdateExpression:
      'SET kind = :kind, id = :id, email = :email, firstName = :firstName, lastName = :lastName, phone = :phone, ' +
      'updatedAt = :updatedAt, createdAt = if_not_exists(createdAt, :now), importId = :importId, importRow = :importRow, ' +
      'gsi12pk = :gsi12pk, gsi12sk = :gsi12sk',
    ConditionExpression: 'attribute_not_exists(pk) OR updatedAt < :updatedAt',
    ExpressionAttributeValues: {
      ':kind': 'CUSTOMER',
      ':id': c.id,
      ':email': c.email,
      ':firstName': c.firstName,
      ':lastName': c.lastName,
      ':phone': c.phone,
      ':updatedAt': c.updatedAt,
      ':now': now,
      ':importId': c.importId,
      ':importRow': c.importRow,
      ...Object.fromEntries(Object.entries(customerIndexKeys(c.email, c.id)).map(([k, v]) => [`:${k}`, v])),
    },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
}

export async function upsertCustomer(
  doc: DynamoDBDocumentClient,
  tableName: string,
  c: Omit<CustomerRecord, 'createdAt'>,
  now: string,
): Promise<UpsertOutcome> {
  try {
    await doc.send(customerUpsertCommand(tableName, c, now));
    return 'applied';
  } catch (error) {
    if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    // The document client does not unmarshall the item a failed condition returns.
    const raw = (error as { Item?: Record<string, AttributeValue> }).Item;
    const stored = raw ? unmarshall(raw) : undefined;
    const mine = stored?.['importId'] === c.importId && stored?.['importRow'] === c.importRow;
    return mine ? 'applied' : 'older';
  }
}

export type DryRunOutcome = 'create' | 'update' | 'older';

/**
 * The stored `updatedAt` of each of `ids` that exists, in BatchGets of 100: the dry run's read,
 * shared with the bench's raw read limit.
 */
export async function storedUpdatedAt(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(customerKey);
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'id, updatedAt' } } }),
      );
      for (const item of page.Responses?.[tableName] ?? []) stored.set(String(item['id']), String(item['updatedAt']));
      keys = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return stored;
}

/** A dry run reads instead of writing: what the conditional write would have done. */
export async function classifyCustomers(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rows: readonly { id: string; updatedAt: string; earlier?: string | undefined }[],
): Promise<DryRunOutcome[]> {
  const stored = await storedUpdatedAt(doc, tableName, [...new Set(rows.map((r) => r.id))]);
  // Earlier batches of the file would have written their rows first: the newest of table and file wins.
  for (const { id, earlier } of rows) {
    const before = stored.get(id);
    if (earlier !== undefined && (before === undefined || earlier > before)) stored.set(id, earlier);
  }
  // Rows of one batch see each other as the writes would have (file order).
  return rows.map((row) => {
    const before = stored.get(row.id);
    if (before !== undefined && before >= row.updatedAt) return 'older';
    stored.set(row.id, row.updatedAt);
    return before === undefined ? 'create' : 'update';
  });
}
