/** The stash of Query.searchProducts (docs/catalog.md, "Search"). */
export type SearchStash = {
  /** The folded prefix word. */
  prefix: string;
  category: string | null;
  limit: number;
  /** Distinct product ids of the page's tokens, in token order. */
  productIds: string[];
  nextToken: string | null;
};
