import type { LambdaRequest } from '@aws-appsync/utils';
import type { CreatedPartnerKey, MutationCreatePartnerKeyArgs } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { requireScopes } from './lib/partner-keys';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<MutationCreatePartnerKeyArgs, CreatedPartnerKey>;

/**
 * Issues a partner key through the partner-key function (AWS_LAMBDA data source): APPSYNC_JS has
 * no cryptographic hash, and the secret must never be stored. The response carries the secret once.
 */
export function request(ctx: FieldContext): LambdaRequest {
  const partnerId = requireId('partnerId', ctx.args.partnerId);
  const scopes = requireScopes('scopes', ctx.args.scopes);
  return { operation: 'Invoke', payload: { action: 'createPartnerKey', partnerId, scopes } };
}

export function response(ctx: FieldContext): CreatedPartnerKey {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const created = ctx.result;
  return {
    keyId: created.keyId,
    partnerId: created.partnerId,
    scopes: created.scopes,
    createdAt: created.createdAt,
    secret: created.secret,
  };
}
