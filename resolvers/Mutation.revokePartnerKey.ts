import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationRevokePartnerKeyArgs, PartnerKey } from './generated/graphql';
import { fail, raiseDataSourceError } from './lib/errors';
import { partnerKeyKey, requireKeyId, toPartnerKey, type PartnerKeyRecord } from './lib/partner-keys';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<MutationRevokePartnerKeyArgs, PartnerKeyRecord>;

/** Marks the key revoked (the first revocation time is kept); the authorizer denies it from then on. */
export function request(ctx: FieldContext): DynamoDBUpdateItemRequest {
  const keyId = requireKeyId('keyId', ctx.args.keyId);
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(partnerKeyKey(keyId)),
    update: {
      expression: 'SET #revokedAt = if_not_exists(#revokedAt, :now)',
      expressionNames: { '#revokedAt': 'revokedAt' },
      expressionValues: util.dynamodb.toMapValues({ ':now': util.time.nowISO8601() }),
    },
    condition: {
      expression: 'attribute_exists(#pk) AND #entity = :entity',
      expressionNames: { '#pk': 'pk', '#entity': 'entity' },
      expressionValues: util.dynamodb.toMapValues({ ':entity': 'PartnerKey' }),
    },
  };
}

export function response(ctx: FieldContext): PartnerKey {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException')
      return fail('No partner key has this id.', 'NotFound', { keyId: ctx.args.keyId });
    return raiseDataSourceError(ctx.error);
  }
  return toPartnerKey(ctx.result);
}
