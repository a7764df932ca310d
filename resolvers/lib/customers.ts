/** Customer and import records → GraphQL types, and their pages (APPSYNC_JS-safe). */
import { util, type Context } from '@aws-appsync/utils';
import type { Customer, CustomerImport } from '../generated/graphql';
import type { CustomerImportRecord, CustomerRecord } from '../../model/customers/records';
import { raiseDataSourceError } from './errors';
import { requireInt } from './validate';

export const DEFAULT_CUSTOMER_PAGE = 20;
export const MAX_CUSTOMER_PAGE = 100;

export function customerPageLimit(value: number | null | undefined): number {
  return value === undefined || value === null ? DEFAULT_CUSTOMER_PAGE : requireInt('limit', value, 1, MAX_CUSTOMER_PAGE);
}

export function toCustomer(r: CustomerRecord): Customer {
  return {
    id: r.id,
    email: r.email,
    firstName: r.firstName ?? null,
    lastName: r.lastName ?? null,
    phone: r.phone ?? null,
    updatedAt: r.updatedAt,
    createdAt: r.createdAt,
  };
}

/** `errorReportKey` stays on the object: the errorReportUrl field resolver signs it. */
export function toCustomerImport(r: CustomerImportRecord): CustomerImport & { errorReportKey: string | null } {
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    dryRun: r.dryRun,
    rowsTotal: r.rowsTotal ?? null,
    rowsRead: r.rowsRead,
    rowsApplied: r.rowsApplied,
    rowsSkippedOlder: r.rowsSkippedOlder,
    rowsInvalid: r.rowsInvalid,
    rowsWouldCreate: r.rowsWouldCreate ?? 0,
    rowsWouldUpdate: r.rowsWouldUpdate ?? 0,
    createdAt: r.createdAt,
    // Absent on jobs stored before the field existed.
    uploadExpiresAt: r.uploadExpiresAt ?? null,
    startedAt: r.startedAt ?? null,
    finishedAt: r.finishedAt ?? null,
    failureReason: r.failureReason ?? null,
    errorReportKey: r.errorReportKey ?? null,
  };
}

export function pageOf<R, T>(ctx: Context, map: (record: R) => T): { items: T[]; nextToken: string | null } {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const result = ctx.result as { items: R[]; nextToken?: string | null };
  return { items: result.items.map((r) => map(r)), nextToken: result.nextToken ?? null };
}
