/**
 * The list screens' paging, once: the first page on open and whenever the filter changes, "Load
 * more" on `nextToken`, and reading on by itself while filtered pages come back empty (the server
 * filters after its index read, so a page can be short or empty while `nextToken` is set).
 * An answer to an older filter is dropped, so a slow page never lands in a newer list.
 */
import type { Dispatch, StateUpdater } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | null;
}

export interface PagedList<T> {
  /** undefined while the first page loads. */
  readonly items: T[] | undefined;
  readonly nextToken: string | null;
  readonly loading: boolean;
  readonly error: unknown;
  setError(error: unknown): void;
  /** Rows changed in place (live updates, a row's own mutation). */
  readonly setItems: Dispatch<StateUpdater<T[] | undefined>>;
  loadMore(): void;
  /** The first page again (same filter), starting from an empty list. */
  reload(): void;
  /** The first page again, the rows on screen kept until it answers (and kept if it fails). */
  refresh(): void;
}

/** Empty filtered pages read on automatically, at most this many per click. */
const MAX_EMPTY_PAGES = 10;

export function usePagedList<T>(
  fetchPage: (nextToken: string | null) => Promise<Page<T>>,
  /** What the list depends on (the filter): a change starts again from the first page. */
  deps: readonly unknown[],
  /** Rows with the same key are kept once (a search can return a product on two pages). */
  keyOf?: (item: T) => string,
): PagedList<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  async function load(from: string | null, mine: number) {
    setLoading(true);
    setError(null);
    try {
      const found: T[] = [];
      let token = from;
      for (let page = 0; page < MAX_EMPTY_PAGES; page += 1) {
        const answer = await fetchRef.current(token);
        found.push(...answer.items);
        token = answer.nextToken;
        if (found.length > 0 || !token) break;
      }
      if (mine !== generation.current) return;
      setItems((current) => {
        const merged = from ? [...(current ?? []), ...found] : found;
        if (!keyOf) return merged;
        const seen = new Set<string>();
        return merged.filter((item) => !seen.has(keyOf(item)) && Boolean(seen.add(keyOf(item))));
      });
      setNextToken(token);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
      setItems((current) => current ?? []);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }

  useEffect(() => {
    generation.current += 1;
    setItems(undefined);
    setNextToken(null);
    void load(null, generation.current);
  }, [...deps, reloads]);

  return {
    items,
    nextToken,
    loading,
    error,
    setError,
    setItems,
    loadMore: () => {
      if (nextToken && !loading) void load(nextToken, generation.current);
    },
    reload: () => setReloads((n) => n + 1),
    refresh: () => {
      generation.current += 1;
      void load(null, generation.current);
    },
  };
}

/** "Load more" while the list has a next page. */
export function LoadMore<T>({ list, what }: { list: PagedList<T>; what: string }) {
  if (!list.nextToken) return null;
  return (
    <button type="button" class="secondary" disabled={list.loading} onClick={list.loadMore}>
      {list.loading ? 'Loading…' : `Load more ${what}`}
    </button>
  );
}
