/**
 * Invalid rows: each is stored as an item of its job (`IMPORT#<id>` / `ERROR#<row>`, idempotent
 * on the row number, so a resumed run writes it again harmlessly), and when the job ends they are
 * streamed, in row order, into `imports/errors/<importId>.csv` — row, column, reason, original
 * line — in 5 MiB parts (a multipart upload past one part): constant memory however many rows.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  QueryCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { importErrorKey, importErrorReportKey, importKey, IMPORT_ERROR_SORT_PREFIX } from '../../../model/customers/keys.js';

export interface RowError {
  readonly row: number;
  readonly problems: readonly { readonly column: string; readonly reason: string }[];
  readonly line: string;
}

/** Error items expire with the files (90 days, like the bucket's `imports/` lifecycle rule). */
const ERROR_TTL_SECONDS = 90 * 24 * 3600;
const PART_BYTES = 5 * 1024 * 1024;
/** The original line is cut here: a report stays readable even for a runaway quoted field. */
const MAX_LINE_CHARS = 2000;

export async function storeRowErrors(
  doc: DynamoDBDocumentClient,
  tableName: string,
  importId: string,
  errors: readonly RowError[],
  now: Date,
): Promise<void> {
  const ttl = Math.floor(now.getTime() / 1000) + ERROR_TTL_SECONDS;
  for (let i = 0; i < errors.length; i += 25) {
    type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
    let requests: WriteRequests | undefined = errors.slice(i, i + 25).map((e) => ({
      PutRequest: {
        Item: {
          ...importErrorKey(importId, e.row),
          kind: 'CUSTOMER_IMPORT_ERROR',
          row: e.row,
          problems: e.problems,
          line: e.line.slice(0, MAX_LINE_CHARS),
          ttl,
        },
      },
    }));
    while (requests && requests.length > 0) {
      const out: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName];
    }
  }
}

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function* reportLines(doc: DynamoDBDocumentClient, tableName: string, importId: string): AsyncGenerator<string> {
  yield 'row,column,reason,line\n';
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :errors)',
        ExpressionAttributeValues: { ':pk': importKey(importId).pk, ':errors': IMPORT_ERROR_SORT_PREFIX },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const problems = (item['problems'] as { column: string; reason: string }[] | undefined) ?? [];
      for (const p of problems)
        yield `${[item['row'] as number, p.column, p.reason, String(item['line'] ?? '')].map(csvField).join(',')}\n`;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Writes the report; returns its key. */
export async function writeErrorReport(
  s3: S3Client,
  bucket: string,
  doc: DynamoDBDocumentClient,
  tableName: string,
  importId: string,
): Promise<string> {
  const Key = importErrorReportKey(importId);
  const ContentType = 'text/csv; charset=utf-8';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  const flushPart = async (): Promise<void> => {
    if (!uploadId) uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key, ContentType }))).UploadId;
    const PartNumber = parts.length + 1;
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key, UploadId: uploadId, PartNumber, Body: Buffer.concat(pending) }));
    parts.push({ ETag: out.ETag, PartNumber });
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const line of reportLines(doc, tableName, importId)) {
      const bytes = Buffer.from(line);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_BYTES) await flushPart();
    }
    if (!uploadId) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key, ContentType, Body: Buffer.concat(pending) }));
      return Key;
    }
    if (pendingBytes > 0) await flushPart();
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    return Key;
  } catch (error) {
    if (uploadId) await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
}
