import { util, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { InventoryItemConnection, QueryInventoryItemsArgs } from './generated/graphql';
import {
  ALL_ITEMS_INDEX,
  ALL_ITEMS_PARTITION,
  BY_CATEGORY_INDEX,
  BY_STATUS_INDEX,
  BY_WAREHOUSE_INDEX,
  categoryPartition,
  statusPartition,
  warehousePartition,
} from '../model/inventory-index';
import type { InventoryRecord } from '../model/records';
import { browseLimit, indexQuery, pageOf, type IndexPage } from './lib/browse-pages';
import type { UnitContext } from './lib/context';
import { invalid } from './lib/errors';
import { actorOf } from './lib/identity';
import { toInventoryItem } from './lib/inventory';
import { requireId } from './lib/validate';

type FieldContext = UnitContext<QueryInventoryItemsArgs, unknown>;

const MAX_CATEGORY_LENGTH = 200;

/**
 * Which index serves the filters (docs/alerts.md): a category → gsi6 (status and warehouse in its
 * sort key), else a warehouse → gsi7 (status in its sort key), else a status → gsi5, else gsi8.
 * Only "category and warehouse without status" filters after the key condition.
 */
function pageFor(args: QueryInventoryItemsArgs): IndexPage {
  const status = args.status ? args.status : null;
  const warehouseId = args.warehouseId === undefined || args.warehouseId === null ? null : requireId('warehouseId', args.warehouseId);
  if (args.category !== undefined && args.category !== null) {
    const category = args.category;
    if (category.length === 0 || category.length > MAX_CATEGORY_LENGTH) invalid('category', `must be 1-${MAX_CATEGORY_LENGTH} characters`);
    if (status) {
      const prefix = warehouseId ? `${status}#${warehouseId}#` : `${status}#`;
      return { index: BY_CATEGORY_INDEX, partition: categoryPartition(category), prefix, filters: {}, newestFirst: false };
    }
    const filters: Record<string, string> = warehouseId ? { warehouseId } : {};
    return { index: BY_CATEGORY_INDEX, partition: categoryPartition(category), prefix: null, filters, newestFirst: false };
  }
  if (warehouseId)
    return {
      index: BY_WAREHOUSE_INDEX,
      partition: warehousePartition(warehouseId),
      prefix: status ? `${status}#` : null,
      filters: {},
      newestFirst: false,
    };
  if (status) return { index: BY_STATUS_INDEX, partition: statusPartition(status), prefix: null, filters: {}, newestFirst: false };
  return { index: ALL_ITEMS_INDEX, partition: ALL_ITEMS_PARTITION, prefix: null, filters: {}, newestFirst: false };
}

/** Admins only (schema): one Query of one index partition per page, never a Scan. */
export function request(ctx: FieldContext): DynamoDBQueryRequest {
  if (actorOf(ctx.identity).kind !== 'admin') util.unauthorized();
  const limit = browseLimit(ctx.args.limit);
  return indexQuery(pageFor(ctx.args), limit, ctx.args.nextToken);
}

export function response(ctx: FieldContext): InventoryItemConnection {
  const page = pageOf<InventoryRecord>(ctx);
  return { items: page.items.map((r) => toInventoryItem(r)), nextToken: page.nextToken };
}
