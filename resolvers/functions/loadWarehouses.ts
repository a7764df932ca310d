/**
 * Shared pipeline function (reserveStock, commitStock): the warehouse registry, read only when some
 * line has no warehouse, so allocation can place it.
 */
import { runtime, util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { unallocated, type AllocationStash } from '../lib/allocation';
import { raiseDataSourceError } from '../lib/errors';

export function request(ctx: Context): DynamoDBQueryRequest {
  const stash = ctx.stash as AllocationStash;
  if (unallocated(stash).length === 0) runtime.earlyReturn(null);
  return {
    operation: 'Query',
    query: { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: util.dynamodb.toMapValues({ ':pk': 'WAREHOUSES' }) },
    consistentRead: true,
    limit: 1000,
  };
}

export function response(ctx: Context): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const items = ((ctx.result as { items: { warehouseId: string }[] }).items ?? []).map((w) => w.warehouseId);
  items.sort();
  (ctx.stash as AllocationStash).warehouses = items;
  return null;
}

