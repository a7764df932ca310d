/** The stash of Mutation.upsertProduct and the records its transaction writes (docs/catalog.md). */
import type { ProductRecord, SearchTokenRecord } from '../../model/catalog/records';
import { searchTokenIndexKeys, searchTokenKey } from '../../model/catalog/keys';

export type UpsertStash = {
  actor: string;
  now: string;
  /** The record as this upsert writes it (popularity and createdAt as last read). */
  product: ProductRecord;
  /** The stored record read by step 01; null for a new product. */
  existing: ProductRecord | null;
  expectedVersion: number | null;
};

/** A search token item: its key, its record and its two index entries. */
export function searchTokenItem(productId: string, category: string, word: string): Record<string, unknown> {
  const record: SearchTokenRecord = { entity: 'ProductSearchToken', productId, word, category };
  return { ...searchTokenKey(productId, word), ...record, ...searchTokenIndexKeys(productId, category, word) };
}
