import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Order, QueryOrderArgs } from './generated/graphql';
import { isOrderId } from '../model/orders/ids';
import { orderKey } from '../model/orders/keys';
import type { OrderRecord } from '../model/orders/records';
import { invalid, raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { canSeeOrder, toOrder } from './lib/order-records';

type Ctx = Context<QueryOrderArgs, Record<string, never>, undefined, Record<string, never>, OrderRecord | null>;

export function request(ctx: Ctx): DynamoDBGetItemRequest {
  requireScope(actorOf(ctx.identity), 'orders:read');
  if (!isOrderId(ctx.args.id)) invalid('id', 'is not an order id');
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(orderKey(ctx.args.id)), consistentRead: true };
}

/** Another partner's order answers exactly as a missing one. */
export function response(ctx: Ctx): Order | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const record = ctx.result;
  if (!record || !canSeeOrder(actorOf(ctx.identity), record)) return null;
  return toOrder(record);
}
