import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { AlertConnection, QueryAlertsArgs } from './generated/graphql';
import { ALERT_STATUS_INDEX, ALL_ALERTS_INDEX, ALL_ALERTS_PARTITION, alertStatusPartition, type AlertRecord } from '../model/alerts';
import { toAlert } from './lib/alerts';
import { browseLimit, indexQuery, pageOf } from './lib/browse-pages';
import type { UnitContext } from './lib/context';
import { actorOf } from './lib/identity';

type FieldContext = UnitContext<QueryAlertsArgs, unknown>;

/** Admins only (schema): one status from gsi5, or every alert from gsi8; newest first. */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  if (actorOf(ctx.identity).kind !== 'admin') util.unauthorized();
  const limit = browseLimit(ctx.args.limit);
  const page = ctx.args.status
    ? { index: ALERT_STATUS_INDEX, partition: alertStatusPartition(ctx.args.status) }
    : { index: ALL_ALERTS_INDEX, partition: ALL_ALERTS_PARTITION };
  return indexQuery({ ...page, prefix: null, filters: {}, newestFirst: true }, limit, ctx.args.nextToken);
}

export function response(ctx: FieldContext): AlertConnection {
  const page = pageOf<AlertRecord>(ctx);
  return { items: page.items.map((r) => toAlert(r)), nextToken: page.nextToken };
}
