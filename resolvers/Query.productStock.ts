import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { ProductStock, QueryProductStockArgs } from './generated/graphql';
import { raiseDataSourceError } from './lib/errors';
import { actorOf, requireScope } from './lib/identity';
import { toInventoryItem } from './lib/inventory';
import { stockStatus } from '../model/stock-status';
import type { InventoryRecord } from '../model/records';
import { requireId } from './lib/validate';
import { productPartition, STOCK_PREFIX } from '../model/keys';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryProductStockArgs, { items: InventoryRecord[] }>;

/** Every warehouse of one product in a single strongly consistent Query (one partition). */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  // The storefront key reads stock publicly; a partner key needs its inventory:read scope.
  if (util.authType() === 'Lambda Authorization') requireScope(actorOf(ctx.identity), 'inventory:read');
  const productId = requireId('productId', ctx.args.productId);
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :stock)',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': productPartition(productId), ':stock': STOCK_PREFIX }),
    },
    consistentRead: true,
    limit: 1000,
  };
}

export function response(ctx: FieldContext): ProductStock | null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const records = ctx.result.items;
  if (records.length === 0) return null;
  const items = records.map((r) => toInventoryItem(r));
  const onHand = records.reduce((sum, r) => sum + r.onHand, 0);
  const reserved = records.reduce((sum, r) => sum + r.reserved, 0);
  const available = records.reduce((sum, r) => sum + r.available, 0);
  const threshold = records.reduce((sum, r) => sum + r.threshold, 0);
  return { productId: ctx.args.productId, items, onHand, reserved, available, status: stockStatus(available, threshold) };
}
