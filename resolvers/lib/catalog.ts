/** Catalog records as resolvers see them (docs/catalog.md): record → GraphQL, page limits, page tokens. */
import { util } from '@aws-appsync/utils';
import type { Product } from '../generated/graphql';
import { CATEGORY_PATTERN_HELP, isCategory, type ProductRecord } from '../../model/catalog/records';
import { invalid, raiseDataSourceError } from './errors';
import { requireInt } from './validate';

export const DEFAULT_PRODUCT_PAGE = 20;
export const MAX_PRODUCT_PAGE = 100;

export function productPageLimit(value: number | null | undefined): number {
  return value === undefined || value === null ? DEFAULT_PRODUCT_PAGE : requireInt('limit', value, 1, MAX_PRODUCT_PAGE);
}

/** `stock` is left to its own field resolver (Product.stock). */
export function toProduct(record: ProductRecord): Product {
  return {
    id: record.id,
    name: record.name,
    description: record.description ?? null,
    price: record.price,
    currency: record.currency,
    category: record.category,
    attributes: record.attributes ?? null,
    popularity: record.popularity ?? 0,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** A failed page Query: a bad token is the client's error, anything else an internal one. */
export function raisePageError(error: { message: string; type: string }): never {
  if (error.type === 'DynamoDB:ValidationException' || error.message.indexOf('token') >= 0)
    return util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
  return raiseDataSourceError(error);
}

/** Only product records: index entries of other kinds never reach a client. */
export function productsOf(items: unknown[] | null | undefined): Product[] {
  return (items ?? []).filter((i) => !!i && (i as { entity?: string }).entity === 'Product').map((i) => toProduct(i as ProductRecord));
}

export function requireCategory(field: string, value: unknown): string {
  if (!isCategory(value)) return invalid(field, CATEGORY_PATTERN_HELP);
  return value;
}
