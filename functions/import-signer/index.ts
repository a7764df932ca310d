/**
 * The import signer (AWS_LAMBDA data source of `startCustomerImport` and
 * `CustomerImport.errorReportUrl`): APPSYNC_JS cannot compute SigV4, so this function creates
 * the PENDING job and signs the S3 PUT of its file, and signs error-report GETs when they are read.
 * Presigned URLs carry this function's credentials: on AWS its role may only put and get objects
 * of the ingest bucket (`ingestBucketReadWrite`).
 *
 * Environment: `TABLE_NAME`, `INGEST_BUCKET_NAME` (grants), `AWS_REGION`, locally `AWS_ENDPOINT_URL_S3`.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { importUploadKey, IMPORT_ERRORS_PREFIX } from '../../model/customers/keys.js';
import { UPLOAD_URL_SECONDS, uploadExpiresAtOf } from '../../model/customers/upload-expiry.js';
import { jobItem, newImportId, pendingJob } from '../customer-ingest/job/claim.js';
import { instrumented } from '../commons/observability/handler.js';
import { ingestBucketFromEnv, s3Client } from '../commons/s3-client.js';
import { tableFromEnv } from '../commons/table-client.js';

export const REPORT_URL_SECONDS = 300;

export type SignerRequest =
  | { readonly action: 'startCustomerImport'; readonly fileName: string; readonly dryRun: boolean }
  | { readonly action: 'errorReportUrl'; readonly errorReportKey: string | null };

export async function startCustomerImport(fileName: string, dryRun: boolean, now = new Date()) {
  const { doc, tableName } = tableFromEnv();
  // The job records when its link expires: the import expirer fails it if no file came by then.
  const uploadExpiresAt = uploadExpiresAtOf(now);
  const job = pendingJob(newImportId(now), fileName, dryRun, now, uploadExpiresAt);
  await doc.send(new PutCommand({ TableName: tableName, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' }));
  const uploadUrl = await getSignedUrl(
    s3Client(),
    new PutObjectCommand({ Bucket: ingestBucketFromEnv(), Key: importUploadKey(job.id, fileName) }),
    { expiresIn: UPLOAD_URL_SECONDS },
  );
  return { importId: job.id, uploadUrl, expiresAt: uploadExpiresAt };
}

export async function errorReportUrl(key: string | null): Promise<{ url: string | null }> {
  // Only report keys: a job record is the only source, but the signer never signs anything else.
  if (!key || !key.startsWith(IMPORT_ERRORS_PREFIX)) return { url: null };
  // Served as a download named after the job: a browser following the link (another origin than
  // the admin app's, where the `download` attribute does not apply) saves it instead of showing it.
  const fileName = `${key.slice(IMPORT_ERRORS_PREFIX.length).replace(/\.csv$/, '')}-errors.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
  const command = new GetObjectCommand({
    Bucket: ingestBucketFromEnv(),
    Key: key,
    ResponseContentDisposition: `attachment; filename="${fileName}"`,
    ResponseContentType: 'text/csv; charset=utf-8',
  });
  const url = await getSignedUrl(s3Client(), command, { expiresIn: REPORT_URL_SECONDS });
  return { url };
}

export const handler = instrumented(async (event: SignerRequest) => {
  switch (event.action) {
    case 'startCustomerImport':
      return startCustomerImport(event.fileName, event.dryRun);
    case 'errorReportUrl':
      return errorReportUrl(event.errorReportKey);
    default:
      throw new Error('unknown import signer action');
  }
});
