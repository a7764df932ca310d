/**
 * Every inventory item, a page at a time, filtered by category, warehouse and status, searched by
 * product name prefix (inventory-source.ts), live (live-rows.ts): a row changed live stays
 * highlighted and marked "updated".
 */
import { Component } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StockStatus } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';
import { LoadMore, usePagedList } from '../../ui/paged-list.js';
import { href } from '../../ui/router.js';
import { fetchInventoryPage, rowKey, type InventoryFilter, type InventoryRow } from './inventory-source.js';
import { MAX_WATCHED, useLiveRows } from './live-rows.js';
import { StatusSelect } from '../../ui/status-select.js';

const STATUSES: StockStatus[] = ['IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK'];
/** A text filter applies this long after the last keystroke. */
const TYPING_DELAY_MS = 300;

export function InventoryTable() {
  const session = useSession();
  const [filter, setFilter] = useState<InventoryFilter>({ category: null, warehouseId: null, status: null, name: '' });
  // The text fields apply a moment after the last keystroke (and at once on Enter).
  const [draft, setDraft] = useState({ name: '', category: '', warehouseId: '' });
  const applyDraft = () =>
    setFilter((f) => {
      const next = {
        ...f,
        name: draft.name.trim(),
        category: draft.category.trim() || null,
        warehouseId: draft.warehouseId.trim() || null,
      };
      return next.name === f.name && next.category === f.category && next.warehouseId === f.warehouseId ? f : next;
    });
  useEffect(() => {
    const timer = setTimeout(applyDraft, TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const list = usePagedList((nextToken) => fetchInventoryPage(session.api, filter, nextToken), [session, filter], rowKey);
  const { changed, unwatched } = useLiveRows(session, list);
  const rows = list.items;
  // Suggestions for the free-text filters: the values seen on the rows read so far.
  const seen = useMemo(
    () => ({
      categories: [...new Set((rows ?? []).map((r) => r.category).filter((c): c is string => Boolean(c)))].sort(),
      warehouses: [...new Set((rows ?? []).map((r) => r.warehouseId))].sort(),
    }),
    [rows],
  );

  return (
    <section aria-labelledby="inventory-title">
      <h1 id="inventory-title">Inventory</h1>
      <form
        class="filters"
        role="search"
        aria-label="Filter inventory"
        onSubmit={(e) => {
          e.preventDefault();
          applyDraft();
        }}
      >
        <label>
          Product name starts with
          <input type="search" name="name" value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
        </label>
        <label>
          Category
          <input
            type="text"
            name="category"
            list="inventory-categories"
            value={draft.category}
            onInput={(e) => setDraft({ ...draft, category: e.currentTarget.value })}
          />
        </label>
        <label>
          Warehouse
          <input
            type="text"
            name="warehouse"
            list="inventory-warehouses"
            value={draft.warehouseId}
            onInput={(e) => setDraft({ ...draft, warehouseId: e.currentTarget.value })}
          />
        </label>
        <StatusSelect statuses={STATUSES} value={filter.status} onChange={(status) => setFilter((f) => ({ ...f, status }))} />
        <datalist id="inventory-categories">
          {seen.categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="inventory-warehouses">
          {seen.warehouses.map((w) => (
            <option key={w} value={w} />
          ))}
        </datalist>
      </form>
      {list.error !== null && <ErrorNotice error={list.error} onDismiss={() => list.setError(null)} />}
      {rows === undefined && <Loading what="inventory" />}
      {rows !== undefined && rows.length === 0 && <Empty>No items match these filters.</Empty>}
      {unwatched > 0 && (
        <p class="notice" role="note">
          Live updates cover the first {MAX_WATCHED} products listed; the other {unwatched} show their latest stock when the list is read
          again.
        </p>
      )}
      {rows && rows.length > 0 && (
        <div class="scroll">
          <table class="inventory">
            <caption class="sr-only">Inventory items; rows changed live are marked “updated”</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Warehouse</th>
                <th scope="col">Category</th>
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
              {rows.map((r) => {
                const key = rowKey(r);
                return <InventoryRowView key={key} row={r} mark={changed.get(key)} />;
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="items" />
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
          {r.name && <div class="muted">{r.name}</div>}
        </th>
        <td>{r.warehouseId}</td>
        <td>{r.category ?? 'uncategorized'}</td>
        <td class="num" data-col="onHand">
          {r.onHand}
        </td>
        <td class="num">{r.reserved}</td>
        <td class="num" data-col="available">
          {r.available}
        </td>
        <td class="num">{r.threshold}</td>
        <td data-col="status">
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
