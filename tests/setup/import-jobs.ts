/**
 * Arranging import jobs in DynamoDB Local: a job moved into the past, as if its browser had been
 * closed long ago (the import expirer's tests, in e2e and in the browser).
 */
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { importIndexKeys, importKey } from '../../model/customers/keys.js';
import { uploadExpiresAtOf } from '../../model/customers/upload-expiry.js';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';

/** Moves job `id` 40 minutes into the past (its 15-minute link expired 25 minutes ago); returns its new `uploadExpiresAt`. */
export async function ageImportJob(where: { readonly dynamoEndpoint: string; readonly tableName: string }, id: string): Promise<string> {
  const client = createDynamoClient(where.dynamoEndpoint);
  const doc = DynamoDBDocumentClient.from(client);
  const createdAt = new Date(Date.now() - 40 * 60_000);
  const uploadExpiresAt = uploadExpiresAtOf(createdAt);
  try {
    await doc.send(
      new UpdateCommand({
        TableName: where.tableName,
        Key: importKey(id),
        UpdateExpression: 'SET createdAt = :c, uploadExpiresAt = :u, gsi13sk = :sk',
        ExpressionAttributeValues: {
          ':c': createdAt.toISOString(),
          ':u': uploadExpiresAt,
          ':sk': importIndexKeys(createdAt.toISOString(), id).gsi13sk,
        },
      }),
    );
  } finally {
    client.destroy();
  }
  return uploadExpiresAt;
}
