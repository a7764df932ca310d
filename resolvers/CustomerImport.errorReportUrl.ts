import type { LambdaRequest } from '@aws-appsync/utils';
import type { CustomerImport } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import type { Context } from '@aws-appsync/utils';

type Source = CustomerImport & { errorReportKey?: string | null };
type Ctx = Context<Record<string, never>, Record<string, never>, undefined, Source, { url: string | null }>;

/** A presigned GET made at read time by the import signer (AWS_LAMBDA): links never outlive their use. */
export function request(ctx: Ctx): LambdaRequest {
  const key = ctx.source ? ctx.source.errorReportKey : null;
  return { operation: 'Invoke', payload: { action: 'errorReportUrl', errorReportKey: key ? key : null } };
}

export function response(ctx: Ctx): string | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.result.url;
}
