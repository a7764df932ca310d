import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryReservationsArgs, ReservationConnection } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf } from './lib/identity';
import { pageLimit } from './lib/order-pages';
import { toReservation } from './lib/reservations';
import { requireId } from './lib/validate';
import { RESERVATION_LIST_INDEX, RESERVATION_LIST_PARTITION } from '../model/keys';
import type { ReservationRecord } from '../model/records';
import type { UnitContext } from './lib/context';

type FieldContext = UnitContext<QueryReservationsArgs, { items: ReservationRecord[]; nextToken?: string | null }>;

/**
 * Admins only (schema). Every reservation from gsi14 (newest first), or one partner's from gsi2
 * (`PARTNER#<id>`, `RESERVATION#<createdAt>#<id>`); status is a filter on the index read, the
 * product a filter on the page (lines are a list of maps, which a filter expression cannot search).
 */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  actorOf(ctx.identity);
  const limit = pageLimit(ctx.args.limit);
  const partnerId = ctx.args.partnerId ? requireId('partnerId', ctx.args.partnerId) : null;
  const request: DynamoDBQueryRequest = partnerId
    ? {
        operation: 'Query',
        index: 'gsi2',
        query: {
          expression: '#pk = :pk AND begins_with(#sk, :prefix)',
          expressionNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
          expressionValues: util.dynamodb.toMapValues({ ':pk': `PARTNER#${partnerId}`, ':prefix': 'RESERVATION#' }),
        },
        scanIndexForward: false,
        limit,
      }
    : {
        operation: 'Query',
        index: RESERVATION_LIST_INDEX,
        query: {
          expression: '#pk = :pk',
          expressionNames: { '#pk': 'gsi14pk' },
          expressionValues: util.dynamodb.toMapValues({ ':pk': RESERVATION_LIST_PARTITION }),
        },
        scanIndexForward: false,
        limit,
      };
  if (ctx.args.status) {
    request.filter = {
      expression: '#status = :status',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':status': ctx.args.status }),
    };
  }
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

export function response(ctx: FieldContext): ReservationConnection {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const productId = ctx.args.productId ? requireId('productId', ctx.args.productId) : null;
  const records = ctx.result.items.filter((r) => !productId || r.lines.some((l) => l.productId === productId));
  return { items: records.map((r) => toReservation(r)), nextToken: ctx.result.nextToken ?? null };
}
