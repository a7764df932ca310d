/**
 * Keeps the table's rows live: each product on the page is watched (`watchStock` with the ledger
 * catch-up, so a reconnect replays every missed change once, in order, and no row stays stale),
 * and a row changed live is marked. After each product's first catch-up the product is read once
 * more, so a change made between the page's read and the watch's start is not lost (and is marked too).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ProductStockDocument, type StockStatus } from '../../../generated/graphql.js';
import type { Session } from '../../api/session.js';
import type { PagedList } from '../../ui/paged-list.js';
import { rowKey, type InventoryRow } from './inventory-source.js';

/** Subscriptions per page: one per product (AppSync filters allow 10 ids per subscription). */
export const MAX_WATCHED = 50;

export function useLiveRows(session: Session, list: PagedList<InventoryRow>) {
  const [changed, setChanged] = useState<ReadonlyMap<string, number>>(new Map());
  const rowsRef = useRef(list.items);
  rowsRef.current = list.items;
  const allProducts = useMemo(() => [...new Set((list.items ?? []).map((r) => r.productId))], [list.items]);
  const watched = allProducts.slice(0, MAX_WATCHED);

  useEffect(() => {
    const merge = (fresh: readonly InventoryRow[]) => {
      const shown = new Map((rowsRef.current ?? []).map((row) => [rowKey(row), row]));
      const newer = new Map(
        fresh.filter((item) => item.sequence > (shown.get(rowKey(item))?.sequence ?? Infinity)).map((item) => [rowKey(item), item]),
      );
      if (newer.size === 0) return;
      list.setItems((current) =>
        current?.map((row) => {
          const item = newer.get(rowKey(row));
          return item && item.sequence > row.sequence ? { ...row, ...item } : row;
        }),
      );
      // A row that changed since the page read it is marked like a live change.
      setChanged((marks) => new Map([...marks, ...[...newer.keys()].map((key) => [key, Date.now()] as const)]));
    };
    const stops = watched.map((productId) => {
      let first = true;
      return session.watchProduct(
        productId,
        (change) => {
          const key = rowKey(change);
          list.setItems((current) =>
            current?.map((row) =>
              rowKey(row) === key
                ? {
                    ...row,
                    onHand: change.onHand ?? row.onHand,
                    reserved: change.reserved ?? row.reserved,
                    available: change.available ?? row.available,
                    threshold: change.threshold ?? row.threshold,
                    status: (change.status as StockStatus | null) ?? row.status,
                    sequence: change.sequence,
                    updatedAt: change.at ?? row.updatedAt,
                  }
                : row,
            ),
          );
          setChanged((marks) => new Map(marks).set(key, Date.now()));
        },
        list.setError,
        () => {
          // Changes between the page's read and the watch's start are not replayed: read the product once more.
          if (!first) return;
          first = false;
          session.api
            .request(ProductStockDocument, { productId })
            .then((r) => merge(r.productStock?.items ?? []))
            .catch(list.setError);
        },
      );
    });
    return () => stops.forEach((stop) => stop());
  }, [session, watched.join(',')]);

  return { changed, unwatched: allProducts.length - watched.length };
}
