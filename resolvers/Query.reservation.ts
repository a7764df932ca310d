import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryReservationArgs, Reservation } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireOwner, requireScope } from './lib/identity';
import { requireReservationId, toReservation } from './lib/reservations';
import { reservationKey } from '../model/keys';
import type { ReservationRecord } from '../model/records';

export function request(ctx: Context<QueryReservationArgs>): DynamoDBGetItemRequest {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'inventory:read');
  const id = requireReservationId('id', ctx.args.id);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(reservationKey(id)), consistentRead: true };
}

export function response(ctx: Context<QueryReservationArgs>): Reservation | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const record = ctx.result as ReservationRecord | null;
  if (!record) return null;
  requireOwner(actorOf(ctx.identity), record.partnerId);
  return toReservation(record);
}
