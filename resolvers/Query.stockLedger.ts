import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { LedgerEntry, LedgerPage, QueryStockLedgerArgs } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { inventoryKey, ledgerKey } from '../model/keys';
import { MAX_UNITS } from '../model/retention';
import { requireId, requireInt } from './lib/validate';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryStockLedgerArgs, { items: LedgerEntry[]; nextToken?: string | null }>;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

export function request(ctx: FieldContext): DynamoDBQueryRequest {
  requireScope(actorOf(ctx.identity), 'inventory:read');
  const productId = requireId('productId', ctx.args.productId);
  const warehouseId = requireId('warehouseId', ctx.args.warehouseId);
  const since =
    ctx.args.sinceSequence === undefined || ctx.args.sinceSequence === null
      ? 0
      : requireInt('sinceSequence', ctx.args.sinceSequence, 0, MAX_UNITS);
  const limit = ctx.args.limit === undefined || ctx.args.limit === null ? DEFAULT_LIMIT : requireInt('limit', ctx.args.limit, 1, MAX_LIMIT);
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({
        ':pk': inventoryKey(productId, warehouseId).pk,
        ':from': ledgerKey(productId, warehouseId, since + 1).sk,
        ':to': ledgerKey(productId, warehouseId, 999999999999).sk,
      }),
    },
    consistentRead: true,
    limit,
  };
  if (ctx.args.nextToken) request.nextToken = ctx.args.nextToken;
  return request;
}

/** What a partner sees of a movement made by someone else: that it happened, not who or why. */
const OTHER_ACTOR = 'other';

export function response(ctx: FieldContext): LedgerPage {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const result = ctx.result;
  // Partners must not learn other partners' reservation ids or the admins' delivery notes.
  const actor = actorOf(ctx.identity);
  const items = result.items.map((e) => ({
    sequence: e.sequence,
    reason: e.reason,
    actor: actor.kind !== 'partner' || e.actor === actor.label ? e.actor : OTHER_ACTOR,
    reference: actor.kind !== 'partner' || e.actor === actor.label ? (e.reference ?? null) : null,
    onHandDelta: e.onHandDelta,
    reservedDelta: e.reservedDelta,
    onHandAfter: e.onHandAfter,
    reservedAfter: e.reservedAfter,
    availableAfter: e.availableAfter,
    at: e.at,
  }));
  return { items, nextToken: result.nextToken ?? null };
}
