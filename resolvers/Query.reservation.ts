import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryReservationArgs, Reservation } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, isVisibleTo, requireScope } from './lib/identity';
import { requireReservationId, toReservation } from './lib/reservations';
import { reservationKey } from '../model/keys';
import type { ReservationRecord } from '../model/records';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryReservationArgs, ReservationRecord | null>;

export function request(ctx: FieldContext): DynamoDBGetItemRequest {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'inventory:read');
  const id = requireReservationId('id', ctx.args.id);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(reservationKey(id)), consistentRead: true };
}

export function response(ctx: FieldContext): Reservation | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const record = ctx.result;
  // Another partner's reservation answers exactly as a missing one.
  if (!record || !isVisibleTo(actorOf(ctx.identity), record.partnerId)) return null;
  return toReservation(record);
}
