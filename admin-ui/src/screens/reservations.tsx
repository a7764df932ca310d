/**
 * Reservations, newest first: filter by status, partner and product, release an ACTIVE hold.
 * Filtered pages can be short (the server filters after its index read): "Load more" follows
 * nextToken, and the screen reads on by itself while a page comes back empty.
 */
import { useState } from 'preact/hooks';
import {
  ReleaseReservationDocument,
  ReservationsDocument,
  type ReservationsQuery,
  type ReservationStatus,
} from '../../generated/graphql.js';
import { useSession } from '../api/session.js';
import { Empty, ErrorNotice, Loading } from '../ui/feedback.js';
import { formatTime } from '../ui/format.js';
import { LoadMore, usePagedList } from '../ui/paged-list.js';
import { href } from '../ui/router.js';
import { StatusSelect } from '../ui/status-select.js';

const STATUSES: ReservationStatus[] = ['ACTIVE', 'RELEASED', 'CONFIRMED', 'EXPIRED'];

interface Filter {
  status: ReservationStatus | null;
  partnerId: string | null;
  productId: string | null;
}

export function Reservations() {
  const { api } = useSession();
  const [filter, setFilter] = useState<Filter>({ status: 'ACTIVE', partnerId: null, productId: null });
  const [draft, setDraft] = useState({ partnerId: '', productId: '' });
  const list = usePagedList(
    async (nextToken) => {
      const r: ReservationsQuery = await api.request(ReservationsDocument, { ...filter, limit: 50, nextToken });
      return { items: r.reservations.items, nextToken: r.reservations.nextToken ?? null };
    },
    [api, filter],
  );
  const { items, nextToken, setItems, error, setError } = list;
  const [busy, setBusy] = useState(false);

  async function release(id: string) {
    setBusy(true);
    setError(null);
    try {
      const { releaseReservation } = await api.request(ReleaseReservationDocument, { id });
      setItems((current) => current?.map((r) => (r.id === id ? releaseReservation : r)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="reservations-title">
      <h1 id="reservations-title">Reservations</h1>
      <form
        class="filters"
        role="search"
        aria-label="Filter reservations"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, partnerId: draft.partnerId.trim() || null, productId: draft.productId.trim() || null });
        }}
      >
        <StatusSelect statuses={STATUSES} value={filter.status} onChange={(status) => setFilter({ ...filter, status })} />
        <label>
          Partner id
          <input
            type="search"
            name="partnerId"
            value={draft.partnerId}
            onInput={(e) => setDraft({ ...draft, partnerId: e.currentTarget.value })}
          />
        </label>
        <label>
          Product id
          <input
            type="search"
            name="productId"
            value={draft.productId}
            onInput={(e) => setDraft({ ...draft, productId: e.currentTarget.value })}
          />
        </label>
        <button type="submit">Apply</button>
      </form>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {items === undefined && <Loading what="reservations" />}
      {items !== undefined && items.length === 0 && <Empty>No reservations match{nextToken ? ' in the latest ones read' : ''}.</Empty>}
      {items && items.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Reservations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Reservation</th>
                <th scope="col">Status</th>
                <th scope="col">Partner</th>
                <th scope="col">Lines</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-reservation={r.id}>
                  <th scope="row">
                    <code>{r.id}</code>
                  </th>
                  <td data-col="status">
                    <span class={`res-status ${r.status}`}>{r.status.toLowerCase()}</span>
                  </td>
                  <td>{r.partnerId ?? 'admin'}</td>
                  <td>
                    {r.lines.map((l) => (
                      <div key={`${l.productId}/${l.warehouseId}`}>
                        {l.quantity} ×{' '}
                        <a href={href({ name: 'item', productId: l.productId, warehouseId: l.warehouseId })}>{l.productId}</a> in{' '}
                        {l.warehouseId}
                      </div>
                    ))}
                  </td>
                  <td>{formatTime(r.createdAt)}</td>
                  <td>{formatTime(r.expiresAt)}</td>
                  <td>
                    {r.status === 'ACTIVE' && (
                      <button
                        type="button"
                        class="danger"
                        disabled={busy}
                        aria-label={`Release reservation ${r.id}`}
                        onClick={() => void release(r.id)}
                      >
                        Release
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="reservations" />
    </section>
  );
}
