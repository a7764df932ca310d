import type { Context } from '@aws-appsync/utils';
import type { CustomerImport, MutationPublishImportProgressArgs } from './generated/graphql';
import { requireId } from './lib/validate';

/**
 * Internal (IAM only, NONE data source): the ingest job calls it at a bounded rate; its result is
 * what `onImportProgress` subscribers receive. Nothing is written.
 */
export function request(ctx: Context<MutationPublishImportProgressArgs>): { payload: CustomerImport & { errorReportKey: string | null } } {
  const input = ctx.args.input;
  requireId('input.id', input.id);
  return {
    payload: {
      id: input.id,
      fileName: input.fileName,
      status: input.status,
      dryRun: input.dryRun,
      rowsTotal: input.rowsTotal ?? null,
      rowsRead: input.rowsRead,
      rowsApplied: input.rowsApplied,
      rowsSkippedOlder: input.rowsSkippedOlder,
      rowsInvalid: input.rowsInvalid,
      rowsWouldCreate: input.rowsWouldCreate,
      rowsWouldUpdate: input.rowsWouldUpdate,
      createdAt: input.createdAt,
      uploadExpiresAt: input.uploadExpiresAt ?? null,
      startedAt: input.startedAt ?? null,
      finishedAt: input.finishedAt ?? null,
      failureReason: input.failureReason ?? null,
      errorReportKey: input.errorReportKey ?? null,
    },
  };
}

export function response(ctx: Context<MutationPublishImportProgressArgs>): CustomerImport {
  return ctx.result as CustomerImport;
}
