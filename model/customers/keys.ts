/**
 * Table keys of the customer domain (one table, docs/customers.md):
 * - `CUSTOMER#<id>` / `CUSTOMER`: a customer;
 * - `IMPORT#<id>` / `IMPORT`: an import job; `IMPORT#<id>` / `ERROR#<row>`: one invalid row of it;
 * - `IMPORTOBJECT#<bucket>/<key>#<version>` / `IMPORTOBJECT`: the at-least-once marker of one
 *   object version (which job it started), so a redelivered notification starts no second job.
 * Index entries: gsi12 customers by email (prefix search), gsi13 imports newest first.
 * Pure and APPSYNC_JS-safe: resolvers and functions share it.
 */

/** A type alias, not an interface: `util.dynamodb.toMapValues` accepts only index-compatible types. */
export type TableKey = {
  pk: string;
  sk: string;
};

export const CUSTOMER_PREFIX = 'CUSTOMER#';
export const IMPORT_PREFIX = 'IMPORT#';
export const IMPORT_OBJECT_PREFIX = 'IMPORTOBJECT#';

/** Customers by email: one partition, sort key `<email>#<id>` (emails are not monotonic, so DynamoDB can split it for heat). */
export const CUSTOMERS_BY_EMAIL_INDEX = 'gsi12';
export const CUSTOMERS_BY_EMAIL_PARTITION = 'CUSTOMERS';
/** Imports newest first: one partition, sort key `<createdAt>#<id>`. */
export const IMPORTS_INDEX = 'gsi13';
export const IMPORTS_PARTITION = 'IMPORTS';

export function customerKey(id: string): TableKey {
  return { pk: `${CUSTOMER_PREFIX}${id}`, sk: 'CUSTOMER' };
}

export function customerIndexKeys(email: string, id: string): { gsi12pk: string; gsi12sk: string } {
  return { gsi12pk: CUSTOMERS_BY_EMAIL_PARTITION, gsi12sk: `${email}#${id}` };
}

export function importKey(id: string): TableKey {
  return { pk: `${IMPORT_PREFIX}${id}`, sk: 'IMPORT' };
}

export function importIndexKeys(createdAt: string, id: string): { gsi13pk: string; gsi13sk: string } {
  return { gsi13pk: IMPORTS_PARTITION, gsi13sk: `${createdAt}#${id}` };
}

/** Row numbers sort as numbers: zero-padded to 12 digits (APPSYNC_JS has no `padStart`). */
export function importErrorKey(importId: string, row: number): TableKey {
  const digits = `${row}`;
  return { pk: `${IMPORT_PREFIX}${importId}`, sk: `ERROR#${'000000000000'.slice(digits.length)}${digits}` };
}

export const IMPORT_ERROR_SORT_PREFIX = 'ERROR#';

/** `version` is the S3 version id (the ingest bucket is versioned), or ETag+LastModified where there is none. */
export function importObjectKey(bucket: string, key: string, version: string): TableKey {
  return { pk: `${IMPORT_OBJECT_PREFIX}${bucket}/${key}#${version}`, sk: 'IMPORTOBJECT' };
}

/** Where an upload for a job goes; files dropped anywhere else under the prefix get a job on arrival. */
export const CUSTOMER_IMPORT_PREFIX = 'imports/customers/';
export const IMPORT_ERRORS_PREFIX = 'imports/errors/';

export function importUploadKey(importId: string, fileName: string): string {
  return `${CUSTOMER_IMPORT_PREFIX}${importId}/${fileName}`;
}

export function importErrorReportKey(importId: string): string {
  return `${IMPORT_ERRORS_PREFIX}${importId}.csv`;
}

/** The job id an upload key names (`imports/customers/<importId>/<file>`), if it has that shape. */
export function importIdOfUploadKey(key: string): string | undefined {
  if (!key.startsWith(CUSTOMER_IMPORT_PREFIX)) return undefined;
  const rest = key.slice(CUSTOMER_IMPORT_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return rest.slice(0, slash);
}
