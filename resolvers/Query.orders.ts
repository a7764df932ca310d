import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { OrderConnection, QueryOrdersArgs } from './generated/graphql';
import { ALL_ORDERS_PARTITION, statusIndexPartition } from '../model/orders/keys';
import { actorOf } from './lib/identity';
import { newestFirst, pageLimit, toOrderPage } from './lib/order-pages';

type Ctx = Context<QueryOrdersArgs, Record<string, never>, undefined, Record<string, never>, unknown>;

/** Admins only (schema): one status from the status index (gsi1), or every order (gsi4). */
export function request(ctx: Ctx): DynamoDBQueryRequest {
  actorOf(ctx.identity);
  const limit = pageLimit(ctx.args.limit);
  if (ctx.args.status) return newestFirst('gsi1', statusIndexPartition(ctx.args.status), null, null, limit, ctx.args.nextToken);
  return newestFirst('gsi4', ALL_ORDERS_PARTITION, null, null, limit, ctx.args.nextToken);
}

export function response(ctx: Ctx): OrderConnection {
  return toOrderPage(ctx);
}
