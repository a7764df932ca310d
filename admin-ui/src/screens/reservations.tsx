/**
 * Reservations: look a hold up by id and release it. (The admin listing by status, partner and
 * product needs the `reservations` query, not on this server yet: docs/admin-app.md.)
 */
import { useState } from 'preact/hooks';
import { ReleaseReservationDocument, ReservationDocument, type ReservationFieldsFragment } from '../../generated/graphql.js';
import { useSession } from '../api/session.js';
import { Empty, ErrorNotice } from '../ui/feedback.js';
import { formatTime } from '../ui/format.js';
import { href } from '../ui/router.js';

export function Reservations() {
  const { api } = useSession();
  const [id, setId] = useState('');
  const [found, setFound] = useState<ReservationFieldsFragment | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(task: () => Promise<ReservationFieldsFragment | null>) {
    setBusy(true);
    setError(null);
    try {
      setFound(await task());
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
        class="inline-form"
        role="search"
        aria-label="Find a reservation"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => (await api.request(ReservationDocument, { id: id.trim() })).reservation ?? null);
        }}
      >
        <label>
          Reservation id
          <input type="search" name="reservationId" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Find
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {found === null && <Empty>No reservation with that id.</Empty>}
      {found && (
        <article class="card">
          <h2>
            {found.id} <span class={`res-status ${found.status}`}>{found.status.toLowerCase()}</span>
          </h2>
          <p class="muted">
            {found.partnerId ? `Partner ${found.partnerId}` : 'Made by an admin'} · created {formatTime(found.createdAt)} · expires{' '}
            {formatTime(found.expiresAt)}
          </p>
          <ul>
            {found.lines.map((l) => (
              <li key={`${l.productId}/${l.warehouseId}`}>
                {l.quantity} × <a href={href({ name: 'item', productId: l.productId, warehouseId: l.warehouseId })}>{l.productId}</a> in{' '}
                {l.warehouseId}
              </li>
            ))}
          </ul>
          {found.status === 'ACTIVE' && (
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => void run(async () => (await api.request(ReleaseReservationDocument, { id: found.id })).releaseReservation)}
            >
              Release
            </button>
          )}
        </article>
      )}
    </section>
  );
}
