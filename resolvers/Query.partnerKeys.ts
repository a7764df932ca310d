import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { PartnerKeyPage, QueryPartnerKeysArgs } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { toPartnerKey, type PartnerKeyRecord } from './lib/partner-keys';
import { requireId, requireInt } from './lib/validate';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryPartnerKeysArgs, { items: PartnerKeyRecord[]; nextToken?: string | null }>;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/** Every key (or one partner's) from gsi3, sorted by partner then creation time. */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  const hasPartner = ctx.args.partnerId !== undefined && ctx.args.partnerId !== null;
  const prefix = hasPartner ? `PARTNER#${requireId('partnerId', ctx.args.partnerId)}#` : 'PARTNER#';
  const limit = ctx.args.limit === undefined || ctx.args.limit === null ? DEFAULT_LIMIT : requireInt('limit', ctx.args.limit, 1, MAX_LIMIT);
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index: 'gsi3',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :prefix)',
      expressionNames: { '#pk': 'gsi3pk', '#sk': 'gsi3sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': 'PARTNERKEYS', ':prefix': prefix }),
    },
    limit,
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: FieldContext): PartnerKeyPage {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const result = ctx.result;
  return { items: result.items.map(toPartnerKey), nextToken: result.nextToken ?? null };
}
