import { util } from '@aws-appsync/utils';
import type { LambdaRequest } from '@aws-appsync/utils';
import type { CustomerImportUpload, MutationStartCustomerImportArgs } from './generated/graphql';
import { invalid, raiseDataSourceError } from './lib/errors';
import type { UnitContext } from './lib/context';

type Ctx = UnitContext<MutationStartCustomerImportArgs, CustomerImportUpload>;

/** A file name, not a path: letters, digits, space, `.`, `_`, `-` (the key is imports/customers/<id>/<name>). */
const FILE_NAME = '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$';

/**
 * Admins only (schema). The import signer (AWS_LAMBDA data source) creates the PENDING job and
 * signs the S3 PUT: APPSYNC_JS cannot compute a SigV4 signature.
 */
export function request(ctx: Ctx): LambdaRequest {
  const fileName = ctx.args.fileName;
  if (!util.matches(FILE_NAME, fileName)) invalid('fileName', 'must be 1-200 letters, digits, spaces, ".", "_" or "-"');
  return { operation: 'Invoke', payload: { action: 'startCustomerImport', fileName, dryRun: ctx.args.dryRun === true } };
}

export function response(ctx: Ctx): CustomerImportUpload {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return { importId: ctx.result.importId, uploadUrl: ctx.result.uploadUrl, expiresAt: ctx.result.expiresAt };
}
