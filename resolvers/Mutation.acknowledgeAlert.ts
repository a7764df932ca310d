import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Alert, MutationAcknowledgeAlertArgs } from './generated/graphql';
import { ALERT_ID_PATTERN, alertKey, alertStatusPartition, type AlertRecord } from '../model/alerts';
import { toAlert } from './lib/alerts';
import type { UnitContext } from './lib/context';
import { fail, invalid, raiseDataSourceError } from './lib/errors';
import { actorOf } from './lib/identity';

type FieldContext = UnitContext<MutationAcknowledgeAlertArgs, AlertRecord | null>;

/**
 * OPEN → ACKNOWLEDGED, one conditional update (admin). On a failed condition AppSync re-reads the
 * item into `ctx.result`: none is NotFound, any other status InvalidTransition (nothing written).
 */
export function request(ctx: FieldContext): DynamoDBUpdateItemRequest {
  const actor = actorOf(ctx.identity);
  if (actor.kind !== 'admin') util.unauthorized();
  if (!util.matches(ALERT_ID_PATTERN, ctx.args.id)) invalid('id', 'is not an alert id');
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(alertKey(ctx.args.id)),
    update: {
      expression: 'SET #status = :acknowledged, #acknowledgedAt = :now, #acknowledgedBy = :actor, #gsi5pk = :partition',
      expressionNames: {
        '#status': 'status',
        '#acknowledgedAt': 'acknowledgedAt',
        '#acknowledgedBy': 'acknowledgedBy',
        '#gsi5pk': 'gsi5pk',
      },
      expressionValues: util.dynamodb.toMapValues({
        ':acknowledged': 'ACKNOWLEDGED',
        ':now': util.time.nowISO8601(),
        ':actor': actor.label,
        ':partition': alertStatusPartition('ACKNOWLEDGED'),
      }),
    },
    condition: {
      expression: 'attribute_exists(#pk) AND #status = :open',
      expressionNames: { '#pk': 'pk', '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':open': 'OPEN' }),
    },
  };
}

export function response(ctx: FieldContext): Alert {
  if (ctx.error) {
    if (ctx.error.type !== 'DynamoDB:ConditionalCheckFailedException') return raiseDataSourceError(ctx.error);
    const current = ctx.result;
    if (!current) return fail('No alert has this id.', 'NotFound', { id: ctx.args.id });
    return fail(`The alert is ${current.status}; only an OPEN alert can be acknowledged.`, 'InvalidTransition', {
      id: ctx.args.id,
      status: current.status,
    });
  }
  return toAlert(ctx.result as AlertRecord);
}
