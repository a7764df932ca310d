/**
 * Recommendations (docs/catalog.md, "Recommendations"): the stash of Query.recommendations and
 * its ranking. Candidates come from two index reads (the customer's top category by popularity,
 * all products by popularity); bought products never come back.
 */
import type { Product } from '../generated/graphql';
import type { ProductRecord } from '../../model/catalog/records';
import { toProduct } from './catalog';

export const DEFAULT_RECOMMENDATIONS = 10;
export const MAX_RECOMMENDATIONS = 50;
/** Orders read per call (newest first): the customer's recent taste, and a bound on the cost. */
export const ORDERS_READ = 100;
/** Bought products whose categories are looked up (one BatchGetItem). */
export const PROFILE_PRODUCTS = 100;
export const MAX_CANDIDATES = 100;

export type RecommendationStash = {
  limit: number;
  index: string;
  partition: string;
  /** Every distinct product of the orders read (productId → true). */
  bought: Record<string, boolean>;
  boughtCount: number;
  /** Up to PROFILE_PRODUCTS bought ids, most recent first. */
  recent: string[];
  /** The categories the customer bought from, with the number of distinct products in each. */
  categories: Record<string, number>;
  topCategory: string | null;
  categoryPicks: ProductRecord[];
};

/** The category with the most distinct bought products (ties: the first in string order). */
export function topCategoryOf(categories: Record<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const name of Object.keys(categories)) {
    const count = categories[name] as number;
    if (count > bestCount || (count === bestCount && best !== null && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The ranking: the top category's most popular unbought products first, then the overall most
 * popular ones from the customer's other categories, then the rest of the overall list (all a
 * new customer gets). Each product once, `limit` at most.
 */
export function rankRecommendations(stash: RecommendationStash, popular: ProductRecord[]): Product[] {
  const out: Product[] = [];
  const taken: Record<string, boolean> = {};
  const consider = (record: ProductRecord): void => {
    if (out.length >= stash.limit || record.entity !== 'Product') return;
    if (stash.bought[record.id] || taken[record.id]) return;
    taken[record.id] = true;
    out.push(toProduct(record));
  };
  stash.categoryPicks.forEach((r) => consider(r));
  popular.filter((r) => stash.categories[r.category] !== undefined).forEach((r) => consider(r));
  popular.forEach((r) => consider(r));
  return out;
}
