/**
 * Filters of the stock subscriptions. AppSync's enhanced-filter limits ("Extensions" and
 * "Defining enhanced subscriptions filters in AWS AppSync" in the AppSync developer guide): at most
 * 5 values in one `in`, and at most 10 filters combined with OR, where each value of an `in`
 * counts as one OR alternative. So a filter can name at most 10 products: two groups of 5.
 */
import { invalid } from './errors';
import { requireId } from './validate';

export const MAX_IN_VALUES = 5;
export const MAX_OR_FILTERS = 10;
export const MAX_PRODUCTS_PER_SUBSCRIPTION = MAX_OR_FILTERS;

/** Checked, de-duplicated product ids (1–10). */
export function requireProductIds(value: unknown): string[] {
  const list = (value ?? []) as unknown[];
  if (list.length === 0) return invalid('productIds', 'must name at least one product');
  const ids: string[] = [];
  for (const raw of list) {
    const id = requireId('productIds', raw);
    if (ids.indexOf(id) < 0) ids.push(id);
  }
  if (ids.length > MAX_PRODUCTS_PER_SUBSCRIPTION) {
    return invalid(
      'productIds',
      `names ${ids.length} products; at most ${MAX_PRODUCTS_PER_SUBSCRIPTION} per subscription (open one subscription per ${MAX_PRODUCTS_PER_SUBSCRIPTION} products)`,
    );
  }
  return ids;
}

/** `{or: [{productId: {in: ids[0..5]}}, {productId: {in: ids[5..10]}}]}` for toSubscriptionFilter (10 ids at most). */
export function productsFilter(ids: string[]): { or: { productId: { in: string[] } }[] } {
  const or: { productId: { in: string[] } }[] = [{ productId: { in: ids.slice(0, MAX_IN_VALUES) } }];
  if (ids.length > MAX_IN_VALUES) or.push({ productId: { in: ids.slice(MAX_IN_VALUES, MAX_OR_FILTERS) } });
  return { or };
}
