import type { LambdaRequest } from '@aws-appsync/utils';
import type { InventoryItem, MutationRepairInventoryArgs } from './generated/graphql';
import { actorOf } from './lib/identity';
import { toInventoryItem } from './lib/inventory';
import type { InventoryRecord } from '../model/records';
import { lambdaResult } from './lib/lambda-errors';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<MutationRepairInventoryArgs, unknown>;

export function request(ctx: FieldContext): LambdaRequest {
  const actor = actorOf(ctx.identity);
  return {
    operation: 'Invoke',
    payload: {
      action: 'repair',
      productId: requireId('productId', ctx.args.productId),
      warehouseId: requireId('warehouseId', ctx.args.warehouseId),
      actor: actor.label,
      nextToken: ctx.args.nextToken,
    },
  };
}

/** A repair answers in bounded calls: `complete` false with a `nextToken` until it has counted every hold. */
export function response(ctx: FieldContext): InventoryItem {
  const result = lambdaResult<InventoryRecord & { complete: boolean; nextToken?: string }>(ctx.error, ctx.result);
  const item = toInventoryItem(result);
  item.complete = result.complete;
  item.nextToken = result.complete ? null : result.nextToken;
  return item;
}
