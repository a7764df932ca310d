import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { CustomerImport, QueryCustomerImportArgs } from './generated/graphql';
import { importKey } from '../model/customers/keys';
import type { CustomerImportRecord } from '../model/customers/records';
import { raiseDataSourceError } from './lib/errors';
import { toCustomerImport } from './lib/customers';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';

type Ctx = UnitContext<QueryCustomerImportArgs, CustomerImportRecord | null>;

/** Admins only (schema); strongly consistent, so a poller sees the newest counters. */
export function request(ctx: Ctx): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(importKey(requireId('id', ctx.args.id))), consistentRead: true };
}

export function response(ctx: Ctx): CustomerImport | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.result ? toCustomerImport(ctx.result) : null;
}
