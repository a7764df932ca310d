import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { OrderConnection, QueryOrdersByCustomerArgs } from './generated/graphql';
import { isCustomerId } from '../model/orders/ids';
import { customerIndexPartition, partnerCustomerIndexPartition } from '../model/orders/keys';
import { invalid } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { newestFirst, normalizedTime, pageLimit, toOrderPage } from './lib/order-pages';

type Ctx = Context<QueryOrdersByCustomerArgs, Record<string, never>, undefined, Record<string, never>, unknown>;

/** Admins read the customer's index (gsi2); a partner reads its own partition of it (gsi3). */
export function request(ctx: Ctx): DynamoDBQueryRequest {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'orders:read');
  const args = ctx.args;
  if (!isCustomerId(args.customerId)) invalid('customerId', 'must be 3-64 letters, digits, "_" or "-", starting with a letter or digit');
  const limit = pageLimit(args.limit);
  const from = args.from ? normalizedTime('from', args.from) : null;
  const to = args.to ? normalizedTime('to', args.to) : null;
  if (actor.kind === 'partner' && actor.partnerId) {
    return newestFirst('gsi3', partnerCustomerIndexPartition(actor.partnerId, args.customerId), from, to, limit, args.nextToken);
  }
  return newestFirst('gsi2', customerIndexPartition(args.customerId), from, to, limit, args.nextToken);
}

export function response(ctx: Ctx): OrderConnection {
  return toOrderPage(ctx);
}
