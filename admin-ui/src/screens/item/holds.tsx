/** The ACTIVE reservations holding this item (the admin reservations listing, by product). */
import { useEffect, useState } from 'preact/hooks';
import { ReservationsDocument, type ReservationFieldsFragment, type ReservationsQuery } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';

/** Index pages read per load (filtered pages can be short). */
const MAX_PAGES = 10;

export function Holds({ productId, warehouseId, sequence }: { productId: string; warehouseId: string; sequence: number }) {
  const { api } = useSession();
  const [holds, setHolds] = useState<ReservationFieldsFragment[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let stale = false;
    (async () => {
      const found: ReservationFieldsFragment[] = [];
      let nextToken: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const r: ReservationsQuery = await api.request(ReservationsDocument, { status: 'ACTIVE', productId, limit: 100, nextToken });
        found.push(
          ...r.reservations.items.filter((res) => res.lines.some((l) => l.productId === productId && l.warehouseId === warehouseId)),
        );
        nextToken = r.reservations.nextToken ?? null;
        if (!nextToken) break;
      }
      if (!stale) setHolds(found);
    })().catch((e: unknown) => !stale && setError(e));
    return () => {
      stale = true;
    };
    // `sequence` moves with every stock movement of the item: holds come and go with it.
  }, [api, productId, warehouseId, sequence]);

  return (
    <section aria-labelledby="holds-title">
      <h2 id="holds-title">Reservations holding it</h2>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {holds === undefined && error === null && <Loading what="reservations" />}
      {holds !== undefined && holds.length === 0 && <Empty>No active reservation holds this item.</Empty>}
      {holds && holds.length > 0 && (
        <ul>
          {holds.map((r) => (
            <li key={r.id}>
              <code>{r.id}</code>:{' '}
              {r.lines.filter((l) => l.productId === productId && l.warehouseId === warehouseId).reduce((n, l) => n + l.quantity, 0)} units,{' '}
              {r.partnerId ? `partner ${r.partnerId}` : 'admin'}, expires {formatTime(r.expiresAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
