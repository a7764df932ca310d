/**
 * Every inventory item, filtered by category, warehouse and status, searched by product id
 * prefix, live: each product on the page is watched (resumed without loss after a disconnect)
 * and a row changed live stays highlighted and marked "updated". After each product's first
 * catch-up the product is read once more, so a change made between the page's read and the
 * watch's start is not lost.
 */
import { Component } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ProductStockDocument, type StockStatus } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';
import { href } from '../../ui/router.js';
import { knownProductIds, rememberProductId, rowsFromProductStock } from './fallback.js';
import { InventoryItemsDocument, type InventoryItemsVariables, type InventoryRow } from './inventory-items.js';

const STATUSES: StockStatus[] = ['IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK'];
/** Subscriptions per page: one per product (AppSync filters allow 10 ids per subscription). */
const MAX_WATCHED = 50;
const rowKey = (r: { productId: string; warehouseId: string }) => `${r.productId}/${r.warehouseId}`;

export function InventoryTable({ configuredIds }: { configuredIds: readonly string[] }) {
  const session = useSession();
  const [filter, setFilter] = useState<InventoryItemsVariables>({});
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<InventoryRow[] | undefined>(undefined);
  const [fallback, setFallback] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [changed, setChanged] = useState<ReadonlyMap<string, number>>(new Map());
  const [addId, setAddId] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let stale = false;
    setRows(undefined);
    (async () => {
      try {
        const { inventoryItems } = await session.api.request(InventoryItemsDocument, { ...filter, limit: 100 });
        if (!stale) setRows(inventoryItems.items);
      } catch {
        // The server has no inventoryItems yet (or refused it): the small productStock fallback.
        const fallbackRows = await rowsFromProductStock(session.api, knownProductIds(configuredIds), filter);
        if (!stale) {
          setFallback(true);
          setRows(fallbackRows);
        }
      }
    })().catch((e: unknown) => !stale && setError(e));
    return () => {
      stale = true;
    };
  }, [session, filter, configuredIds, reload]);

  const productIds = useMemo(() => [...new Set((rows ?? []).map((r) => r.productId))].slice(0, MAX_WATCHED), [rows]);
  useEffect(() => {
    const merge = (fresh: readonly InventoryRow[]) => {
      const newer = new Map(fresh.map((item) => [rowKey(item), item]));
      setRows((current) =>
        current?.map((row) => {
          const item = newer.get(rowKey(row));
          return item && item.sequence > row.sequence ? { ...row, ...item } : row;
        }),
      );
    };
    const stops = productIds.map((productId) => {
      let first = true;
      return session.watchProduct(
        productId,
        (change) => {
          const key = rowKey(change);
          setRows((current) =>
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
        setError,
        () => {
          // Changes between the page's read and the watch's start are not replayed: read the product once more.
          if (!first) return;
          first = false;
          session.api
            .request(ProductStockDocument, { productId })
            .then((r) => merge(r.productStock?.items ?? []))
            .catch(setError);
        },
      );
    });
    return () => stops.forEach((stop) => stop());
  }, [session, productIds.join(',')]);

  const visible = (rows ?? []).filter((r) => r.productId.startsWith(search.trim()));
  return (
    <section aria-labelledby="inventory-title">
      <h1 id="inventory-title">Inventory</h1>
      <form class="filters" role="search" aria-label="Filter inventory" onSubmit={(e) => e.preventDefault()}>
        <label>
          Product id starts with
          <input type="search" name="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label>
          Category
          <input
            type="text"
            name="category"
            value={filter.category ?? ''}
            disabled={fallback}
            onChange={(e) => setFilter({ ...filter, category: e.currentTarget.value || null })}
          />
        </label>
        <label>
          Warehouse
          <input
            type="text"
            name="warehouse"
            value={filter.warehouseId ?? ''}
            onChange={(e) => setFilter({ ...filter, warehouseId: e.currentTarget.value || null })}
          />
        </label>
        <label>
          Status
          <select
            name="status"
            value={filter.status ?? ''}
            onChange={(e) => setFilter({ ...filter, status: (e.currentTarget.value || null) as StockStatus | null })}
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, ' ').toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </form>
      {fallback && (
        <form
          class="notice"
          aria-label="Add a product id"
          onSubmit={(e) => {
            e.preventDefault();
            if (!addId.trim()) return;
            rememberProductId(addId.trim());
            setAddId('');
            setReload((n) => n + 1);
          }}
        >
          <p>This server cannot list inventory yet: showing the products this browser knows.</p>
          <label>
            Add a product id
            <input type="text" name="productId" value={addId} onInput={(e) => setAddId(e.currentTarget.value)} />
          </label>
          <button type="submit">Add</button>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {rows === undefined && <Loading what="inventory" />}
      {rows !== undefined && visible.length === 0 && <Empty>No items match these filters.</Empty>}
      {visible.length > 0 && (
        <div class="scroll">
          <table class="inventory">
            <caption class="sr-only">Inventory items; rows changed live are marked “updated”</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Warehouse</th>
                <th scope="col" class="num">
                  On hand
                </th>
                <th scope="col" class="num">
                  Reserved
                </th>
                <th scope="col" class="num">
                  Available
                </th>
                <th scope="col" class="num">
                  Threshold
                </th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((r) => {
                const key = rowKey(r);
                return <InventoryRowView key={key} row={r} mark={changed.get(key)} />;
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  row: InventoryRow;
  /** When the row last changed live (undefined: not since the page opened). */
  mark: number | undefined;
}

/**
 * One row, re-rendered only when its record or mark changes: a live change then costs one row,
 * not a diff of every row on the page (the table keeps unchanged row objects as they are).
 */
class InventoryRowView extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.row !== this.props.row || next.mark !== this.props.mark;
  }

  override render({ row: r, mark }: RowProps) {
    const key = rowKey(r);
    return (
      <tr class={mark ? 'changed' : ''} data-row={key}>
        <th scope="row">
          <a href={href({ name: 'item', productId: r.productId, warehouseId: r.warehouseId })}>{r.productId}</a>
        </th>
        <td>{r.warehouseId}</td>
        <td class="num" data-col="onHand">
          {r.onHand}
        </td>
        <td class="num">{r.reserved}</td>
        <td class="num" data-col="available">
          {r.available}
        </td>
        <td class="num">{r.threshold}</td>
        <td>
          <span class={`status ${r.status}`}>{r.status.replace(/_/g, ' ').toLowerCase()}</span>
        </td>
        <td>
          {formatTime(r.updatedAt)}
          {mark && <span class="badge"> updated</span>}
        </td>
      </tr>
    );
  }
}
