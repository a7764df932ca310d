/**
 * Shared pipeline function (reserveStock, commitStock): the warehouse registry, read only when some
 * line has no warehouse, so allocation can place it.
 */
import { runtime, util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { StepContext } from '../lib/context';
import { unallocated, type AllocationStash } from '../lib/allocation';
import { raiseDataSourceError } from '../lib/errors';

/** Runs first: the result is the registry's rows. */
type WarehousesContext = StepContext<unknown, AllocationStash, Record<string, never>, { items: { warehouseId: string }[] | null }>;

export function request(ctx: WarehousesContext): DynamoDBQueryRequest {
  const stash = ctx.stash;
  if (unallocated(stash).length === 0) runtime.earlyReturn(null);
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': 'WAREHOUSES' }),
    },
    consistentRead: true,
    limit: 1000,
  };
}

export function response(ctx: WarehousesContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const items = (ctx.result.items ?? []).map((w) => w.warehouseId);
  items.sort();
  ctx.stash.warehouses = items;
  return null;
}
