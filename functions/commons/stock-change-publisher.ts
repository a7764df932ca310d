/**
 * The bridge from a stock change to its subscribers: calls AppSync's IAM-only
 * `publishStockChange` with a SigV4-signed request (service `appsync`), selecting every field of
 * StockChange (a subscriber only gets fields the mutation selected). For the stream publisher: a
 * failed call throws, so the batch is retried in stream order (`appsync-iam-caller.ts`).
 */
import type { StockChangeInput, StockStatus } from '../../resolvers/generated/graphql.js';
import { createIamGraphqlCaller, type PublisherOptions } from './appsync-iam-caller.js';
import type { InventoryState } from './inventory-model.js';

export { PublishError, type PublisherOptions, type SigningCredentials } from './appsync-iam-caller.js';

export const PUBLISH_STOCK_CHANGE = `mutation PublishStockChange($input: StockChangeInput!) {
  publishStockChange(input: $input) { productId warehouseId onHand reserved available threshold status sequence reason at }
}`;

/** Same thresholds as the resolvers: out of stock at 0 or below, low at or below the threshold. */
export function stockStatusOf(available: number, threshold: number): StockStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= threshold ? 'LOW_STOCK' : 'IN_STOCK';
}

/** The change to publish for an inventory item's new image. */
export function stockChangeOf(item: InventoryState): StockChangeInput {
  return {
    productId: item.productId,
    warehouseId: item.warehouseId,
    onHand: item.onHand,
    reserved: item.reserved,
    available: item.available,
    threshold: item.threshold,
    status: stockStatusOf(item.available, item.threshold),
    sequence: item.sequence,
    reason: item.lastMovement?.reason ?? null,
    at: item.updatedAt ?? item.lastMovement?.at ?? new Date().toISOString(),
  };
}

export function createStockChangePublisher(options: PublisherOptions) {
  const call = createIamGraphqlCaller(options);
  return async function publishStockChange(change: StockChangeInput): Promise<void> {
    await call('publishStockChange', PUBLISH_STOCK_CHANGE, { input: change });
  };
}
