/** The stored product (strongly consistent): its version for the compare-and-set, its words to delete. */
import { util, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationUpsertProductArgs } from '../generated/graphql';
import { productKey } from '../../model/catalog/keys';
import type { ProductRecord } from '../../model/catalog/records';
import type { StepContext } from '../lib/context';
import { fail, raiseDataSourceError } from '../lib/errors';
import type { UpsertStash } from '../lib/product-upsert';

type LoadContext = StepContext<MutationUpsertProductArgs, UpsertStash, Record<string, never>, ProductRecord | null>;

export function request(ctx: LoadContext): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(productKey(ctx.stash.product.id)), consistentRead: true };
}

export function response(ctx: LoadContext): null {
  if (ctx.error) return raiseDataSourceError(ctx.error);
  const stash = ctx.stash;
  const existing = ctx.result && ctx.result.entity === 'Product' ? ctx.result : null;
  const currentVersion = existing ? existing.version : 0;
  if (stash.expectedVersion !== null && stash.expectedVersion !== currentVersion)
    fail('The product changed since it was read; reload it and retry.', 'VersionConflict', {
      expectedVersion: stash.expectedVersion,
      currentVersion,
    });
  stash.existing = existing;
  if (existing) {
    stash.product.version = existing.version + 1;
    stash.product.popularity = existing.popularity ?? 0;
    stash.product.createdAt = existing.createdAt;
  }
  return null;
}
