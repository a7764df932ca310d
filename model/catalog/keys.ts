/**
 * Table keys of the catalog (docs/catalog.md). The product record lives in its product's
 * partition (`PRODUCT#<id>`, sort key `PRODUCT`) beside its stock items (`STOCK#…`) and ledger
 * rows (`LEDGER#…`), with one search token per distinct name word (`SEARCH#<word>`). Index entries:
 * - gsi9: a category by popularity (`CATEGORY#<c>` / `<popularity, 12 digits>#<id>`; read descending);
 * - gsi10: a category by name (`CATEGORY#<c>` / `<name words>#<id>`), and the token items'
 *   category-scoped search entries (`SEARCH#<c>#<first letter>` / `<word>#<id>`);
 * - gsi11: all products by popularity (`PRODUCTS#POPULARITY` / `<popularity>#<id>`), and the token
 *   items' search entries (`SEARCH#<first letter>` / `<word>#<id>`).
 * Pure and APPSYNC_JS-safe.
 */
import { productPartition, type Key } from '../keys.js';

export const PRODUCT_SORT_KEY = 'PRODUCT';
export const SEARCH_TOKEN_PREFIX = 'SEARCH#';
export const POPULARITY_MARK_PREFIX = 'POPULARITY#';

export const BY_POPULARITY_INDEX = 'gsi9';
export const BY_NAME_INDEX = 'gsi10';
export const SEARCH_INDEX = 'gsi11';
/** gsi10 holds the category-scoped search entries too (different partitions from the name order). */
export const CATEGORY_SEARCH_INDEX = 'gsi10';
/** gsi11 holds the overall popularity order too (one partition; see docs/catalog.md on its write rate). */
export const ALL_BY_POPULARITY_INDEX = 'gsi11';
export const ALL_PRODUCTS_PARTITION = 'PRODUCTS#POPULARITY';

export function productKey(productId: string): Key {
  return { pk: productPartition(productId), sk: PRODUCT_SORT_KEY };
}

export function searchTokenKey(productId: string, word: string): Key {
  return { pk: productPartition(productId), sk: `${SEARCH_TOKEN_PREFIX}${word}` };
}

export function categoryPartition(category: string): string {
  return `CATEGORY#${category}`;
}

/** Search partitions are split by a word's first character so no one partition holds every word. */
export function searchPartition(firstCharacter: string): string {
  return `${SEARCH_TOKEN_PREFIX}${firstCharacter}`;
}

export function categorySearchPartition(category: string, firstCharacter: string): string {
  return `${SEARCH_TOKEN_PREFIX}${category}#${firstCharacter}`;
}

/** Popularity zero-padded to 12 digits, so string order is number order (APPSYNC_JS has no padStart). */
export function popularitySortKey(popularity: number, productId: string): string {
  const digits = `${popularity}`;
  return `${'000000000000'.slice(digits.length)}${digits}#${productId}`;
}

/** The marker that an order's product was counted once (written with the increment). */
export function popularityMarkKey(orderId: string, productId: string): Key {
  return { pk: `${POPULARITY_MARK_PREFIX}${orderId}`, sk: `${PRODUCT_SORT_KEY}#${productId}` };
}

/** The gsi10/gsi11 entries of one search token. */
export function searchTokenIndexKeys(productId: string, category: string, word: string): Record<string, string> {
  const first = word.charAt(0);
  const sk = `${word}#${productId}`;
  return {
    gsi10pk: categorySearchPartition(category, first),
    gsi10sk: sk,
    gsi11pk: searchPartition(first),
    gsi11sk: sk,
  };
}
