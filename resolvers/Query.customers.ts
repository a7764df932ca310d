import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { CustomerConnection, QueryCustomersArgs } from './generated/graphql';
import { CUSTOMERS_BY_EMAIL_INDEX, CUSTOMERS_BY_EMAIL_PARTITION } from '../model/customers/keys';
import type { CustomerRecord } from '../model/customers/records';
import { invalid } from './lib/errors';
import { customerPageLimit, pageOf, toCustomer } from './lib/customers';
import type { UnitContext } from './lib/context';

type Ctx = UnitContext<QueryCustomersArgs, unknown>;

/** Admins only (schema): the email index (gsi12), a prefix of the lowercased email; never a Scan. */
export function request(ctx: Ctx): DynamoDBQueryRequest {
  const limit = customerPageLimit(ctx.args.limit);
  const prefix = (ctx.args.emailPrefix ?? '').trim().toLowerCase();
  if (prefix.length > 254) invalid('emailPrefix', 'is longer than an email address');
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index: CUSTOMERS_BY_EMAIL_INDEX,
    query:
      prefix === ''
        ? {
            expression: '#pk = :pk',
            expressionNames: { '#pk': 'gsi12pk' },
            expressionValues: util.dynamodb.toMapValues({ ':pk': CUSTOMERS_BY_EMAIL_PARTITION }),
          }
        : {
            expression: '#pk = :pk AND begins_with(#sk, :prefix)',
            expressionNames: { '#pk': 'gsi12pk', '#sk': 'gsi12sk' },
            expressionValues: util.dynamodb.toMapValues({ ':pk': CUSTOMERS_BY_EMAIL_PARTITION, ':prefix': prefix }),
          },
    limit,
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: Ctx): CustomerConnection {
  return pageOf(ctx, (r: CustomerRecord) => toCustomer(r));
}
