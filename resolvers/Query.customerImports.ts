import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { CustomerImportConnection, QueryCustomerImportsArgs } from './generated/graphql';
import { IMPORTS_INDEX, IMPORTS_PARTITION } from '../model/customers/keys';
import type { CustomerImportRecord } from '../model/customers/records';
import { customerPageLimit, pageOf, toCustomerImport } from './lib/customers';
import type { UnitContext } from './lib/context';

type Ctx = UnitContext<QueryCustomerImportsArgs, unknown>;

/** Admins only (schema): the imports index (gsi13), newest first. */
export function request(ctx: Ctx): DynamoDBQueryRequest {
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index: IMPORTS_INDEX,
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'gsi13pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': IMPORTS_PARTITION }),
    },
    scanIndexForward: false,
    limit: customerPageLimit(ctx.args.limit),
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: Ctx): CustomerImportConnection {
  return pageOf(ctx, (r: CustomerImportRecord) => toCustomerImport(r));
}
