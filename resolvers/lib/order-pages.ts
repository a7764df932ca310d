/** Newest-first order pages from an index: limits, time ranges and page mapping. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { OrderConnection } from '../generated/graphql';
import { ORDER_SORT_PREFIX } from '../../model/orders/keys';
import type { OrderRecord } from '../../model/orders/records';
import { invalid, raiseDataSourceError } from './errors';
import { toOrder } from './order-records';
import { requireInt } from './validate';

export const DEFAULT_ORDER_PAGE = 20;
export const MAX_ORDER_PAGE = 100;

export function pageLimit(value: number | null | undefined): number {
  return value === undefined || value === null ? DEFAULT_ORDER_PAGE : requireInt('limit', value, 1, MAX_ORDER_PAGE);
}

/** A client's AWSDateTime in the stored form (UTC, milliseconds), so string order is time order. */
export function normalizedTime(field: string, value: string): string {
  const ms = util.time.parseISO8601ToEpochMilliSeconds(value);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return invalid(field, 'is not an ISO 8601 date-time');
  return util.time.epochMilliSecondsToISO8601(ms);
}

/** Query of one index partition, newest first, optionally within [from, to] (both inclusive). */
export function newestFirst(
  index: string,
  partition: string,
  from: string | null,
  to: string | null,
  limit: number,
  nextToken: string | null | undefined,
): DynamoDBQueryRequest {
  const pk = `${index}pk`;
  const sk = `${index}sk`;
  // '~' sorts after every id character, so `to` includes orders created at that very millisecond.
  const low = from ? `${ORDER_SORT_PREFIX}${from}` : ORDER_SORT_PREFIX;
  const high = to ? `${ORDER_SORT_PREFIX}${to}#~` : `${ORDER_SORT_PREFIX}~`;
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index,
    query: {
      expression: '#pk = :pk AND #sk BETWEEN :low AND :high',
      expressionNames: { '#pk': pk, '#sk': sk },
      expressionValues: util.dynamodb.toMapValues({ ':pk': partition, ':low': low, ':high': high }),
    },
    scanIndexForward: false,
    limit,
  };
  if (nextToken) request.nextToken = nextToken;
  return request;
}

export function toOrderPage(ctx: Context): OrderConnection {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const result = ctx.result as { items: OrderRecord[]; nextToken?: string | null };
  return { items: result.items.map((r) => toOrder(r)), nextToken: result.nextToken ?? null };
}
