/** A duplicate returns the original order, read back consistently; a new order passes through. */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationCreateOrderArgs, Order } from '../generated/graphql';
import { orderKey } from '../../model/orders/keys';
import type { OrderRecord } from '../../model/orders/records';
import { fail, raiseDataSourceError } from '../lib/errors';
import { toOrder } from '../lib/order-records';
import type { CreateOrderStash } from '../lib/order-stash';

type Ctx = Context<MutationCreateOrderArgs, CreateOrderStash, { result: Order | null }, Record<string, never>, OrderRecord | null>;

export function request(ctx: Ctx): DynamoDBGetItemRequest {
  const stash = ctx.stash;
  if (!stash.duplicateOf) runtime.earlyReturn(ctx.prev.result);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(orderKey(stash.duplicateOf)), consistentRead: true };
}

export function response(ctx: Ctx): Order {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  // The idempotency record is only ever written with its order, so this is a stale record at worst.
  if (!ctx.result) return fail('The original order could not be read; retry.', 'Conflict', { retryable: true });
  return toOrder(ctx.result);
}
