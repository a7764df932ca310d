/**
 * The product record and its search tokens as stored (docs/catalog.md), and the checks an
 * upsert's input must pass. Pure and APPSYNC_JS-safe: resolvers and Lambda functions share it.
 */
import { isCurrencyCode } from '../orders/currencies.js';
import { isInteger, isToken } from '../orders/text.js';
import { distinctWords } from './normalize.js';

export type ProductRecord = {
  entity: 'Product';
  id: string;
  name: string;
  description: string | null;
  /** Minor units (cents). */
  price: number;
  currency: string;
  category: string;
  /** The attributes as a JSON text (AWSJSON). */
  attributes: string | null;
  /** Distinct orders that included the product (the popularity worker). */
  popularity: number;
  /** The admin's compare-and-set version: only upsertProduct raises it. */
  version: number;
  /** The name's distinct folded words: one search token each. */
  searchWords: string[];
  createdAt: string;
  updatedAt: string;
};

export type SearchTokenRecord = {
  entity: 'ProductSearchToken';
  productId: string;
  word: string;
  category: string;
};

export interface UpsertInputLike {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  price?: unknown;
  currency?: unknown;
  category?: unknown;
}

export interface Violation {
  field: string;
  message: string;
}

export const MAX_NAME_LENGTH = 128;
export const MAX_DESCRIPTION_LENGTH = 2000;
/** Each word is one search token in the upsert's transaction (at most 100 items, two per word). */
export const MAX_NAME_WORDS = 24;
export const MAX_PRICE = 2147483647;
export const CATEGORY_PATTERN_HELP = 'must be 1-64 letters, digits, "_" or "-", starting with a letter or digit';

export function isCategory(value: unknown): value is string {
  return isToken(value, 1, 64, '_-');
}

/** Every violation of an upsert input, in field order; [] when it is valid. */
export function productInputViolations(input: UpsertInputLike): Violation[] {
  const out: Violation[] = [];
  if (!isToken(input.id, 1, 64, '_-'))
    out.push({ field: 'id', message: 'must be 1-64 letters, digits, "_" or "-", starting with a letter or digit' });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME_LENGTH)
    out.push({ field: 'name', message: `must be 1-${MAX_NAME_LENGTH} characters, not only spaces` });
  else {
    const words = distinctWords(name);
    if (words.length === 0) out.push({ field: 'name', message: 'must contain at least one letter or digit' });
    if (words.length > MAX_NAME_WORDS) out.push({ field: 'name', message: `may have at most ${MAX_NAME_WORDS} distinct words` });
  }
  const description = input.description;
  if (description !== undefined && description !== null && (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH))
    out.push({ field: 'description', message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` });
  if (!isInteger(input.price) || input.price < 0 || input.price > MAX_PRICE)
    out.push({ field: 'price', message: `must be an integer from 0 to ${MAX_PRICE} (minor units)` });
  if (!isCurrencyCode(input.currency)) out.push({ field: 'currency', message: 'must be an ISO 4217 currency code such as EUR or USD' });
  if (!isCategory(input.category)) out.push({ field: 'category', message: CATEGORY_PATTERN_HELP });
  return out;
}
