import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Customer, QueryCustomerArgs } from './generated/graphql';
import { customerKey } from '../model/customers/keys';
import type { CustomerRecord } from '../model/customers/records';
import { raiseDataSourceError } from './lib/errors';
import { toCustomer } from './lib/customers';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';

type Ctx = UnitContext<QueryCustomerArgs, CustomerRecord | null>;

/** Admins only (schema). */
export function request(ctx: Ctx): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(customerKey(requireId('id', ctx.args.id))), consistentRead: true };
}

export function response(ctx: Ctx): Customer | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  return ctx.result ? toCustomer(ctx.result) : null;
}
