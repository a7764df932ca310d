import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { InventoryItem, MutationRepairInventoryArgs } from './generated/graphql';
import { actorOf } from './lib/identity';
import { toInventoryItem } from './lib/inventory';
import type { InventoryRecord } from '../model/records';
import { lambdaResult } from './lib/lambda-errors';
import { requireId } from './lib/validate';

export function request(ctx: Context<MutationRepairInventoryArgs>): LambdaRequest {
  const actor = actorOf(ctx.identity);
  return {
    operation: 'Invoke',
    payload: { action: 'repair', productId: requireId('productId', ctx.args.productId), warehouseId: requireId('warehouseId', ctx.args.warehouseId), actor: actor.label },
  };
}

export function response(ctx: Context<MutationRepairInventoryArgs>): InventoryItem {
  return toInventoryItem(lambdaResult<InventoryRecord>(ctx.error, ctx.result));
}
