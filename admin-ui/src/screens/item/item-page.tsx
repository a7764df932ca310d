/**
 * One inventory item: its numbers (live), the stock editor, receive, the ledger with a chart,
 * the reservations holding it, and the consistency check. A live change re-reads the item (for
 * its version) and the ledger.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { StockLedgerDocument, StockLevelDocument, type StockItemFragment, type StockLedgerQuery } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { formatTime, signed } from '../../ui/format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { href } from '../../ui/router.js';
import { ConsistencyPanel } from './consistency.js';
import { Holds } from './holds.js';
import { ReceiveForm } from './receive-form.js';
import { StockChart } from './stock-chart.js';
import { StockEditor } from './stock-editor.js';

type Entry = StockLedgerQuery['stockLedger']['items'][number];

export function ItemPage({ productId, warehouseId }: { productId: string; warehouseId: string }) {
  const session = useSession();
  const [item, setItem] = useState<StockItemFragment | null | undefined>(undefined);
  const [ledger, setLedger] = useState<Entry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [liveMark, setLiveMark] = useState(0);

  const loadLedger = useCallback(async () => {
    const rows: Entry[] = [];
    let nextToken: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const { stockLedger }: StockLedgerQuery = await session.api.request(StockLedgerDocument, {
        productId,
        warehouseId,
        limit: 100,
        nextToken,
      });
      rows.push(...stockLedger.items);
      nextToken = stockLedger.nextToken ?? null;
      if (!nextToken) break;
    }
    setLedger(rows);
  }, [session, productId, warehouseId]);

  const loadItem = useCallback(async () => {
    const { stockLevel } = await session.api.request(StockLevelDocument, { productId, warehouseId });
    setItem(stockLevel ?? null);
  }, [session, productId, warehouseId]);

  useEffect(() => {
    setItem(undefined);
    Promise.all([loadItem(), loadLedger()]).catch(setError);
    return session.watchProduct(
      productId,
      (change) => {
        if (change.warehouseId !== warehouseId) return;
        setLiveMark((n) => n + 1);
        // The change carries no version (the editor needs it) and no actor: read both again.
        Promise.all([loadItem(), loadLedger()]).catch(setError);
      },
      setError,
    );
  }, [session, productId, warehouseId, loadItem, loadLedger]);

  const saved = (next: StockItemFragment) => {
    setItem(next);
    // The ledger trails the write by the change stream's lag (~100 ms locally).
    setTimeout(() => void loadLedger().catch(setError), 400);
  };

  return (
    <article>
      <p>
        <a href={href({ name: 'inventory' })}>← Inventory</a>
      </p>
      <h1>
        {productId} <span class="muted">in {warehouseId}</span>
      </h1>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {item === undefined && <Loading what="the item" />}
      {item === null && <Empty>This product has no stock record in {warehouseId}.</Empty>}
      {item && (
        <>
          <dl class={`numbers ${liveMark > 0 ? 'changed' : ''}`} key={liveMark} aria-live="polite" data-testid="item-numbers">
            <div>
              <dt>On hand</dt>
              <dd data-testid="onhand">{item.onHand}</dd>
            </div>
            <div>
              <dt>Reserved</dt>
              <dd>{item.reserved}</dd>
            </div>
            <div>
              <dt>Available</dt>
              <dd data-testid="available">{item.available}</dd>
            </div>
            <div>
              <dt>Threshold</dt>
              <dd>{item.threshold}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <span class={`status ${item.status}`}>{item.status.replace(/_/g, ' ').toLowerCase()}</span>
              </dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd data-testid="version">{item.version}</dd>
            </div>
          </dl>
          <section aria-labelledby="edit-title">
            <h2 id="edit-title">Adjust</h2>
            <StockEditor item={item} onSaved={saved} />
            <ReceiveForm item={item} onSaved={saved} />
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <StockChart entries={ledger} />
            {ledger.length === 0 ? (
              <Empty>No stock movements yet.</Empty>
            ) : (
              <div class="scroll">
                <table>
                  <caption class="sr-only">
                    Ledger of {productId} in {warehouseId}, oldest first
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">When</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Actor</th>
                      <th scope="col">Reference</th>
                      <th scope="col" class="num">
                        On hand Δ
                      </th>
                      <th scope="col" class="num">
                        Reserved Δ
                      </th>
                      <th scope="col" class="num">
                        On hand
                      </th>
                      <th scope="col" class="num">
                        Reserved
                      </th>
                      <th scope="col" class="num">
                        Available
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {ledger.map((e) => (
                      <tr key={e.sequence}>
                        <td>{e.sequence}</td>
                        <td>{formatTime(e.at)}</td>
                        <td>{e.reason}</td>
                        <td>{e.actor}</td>
                        <td>{e.reference ?? '—'}</td>
                        <td class="num">{signed(e.onHandDelta)}</td>
                        <td class="num">{signed(e.reservedDelta)}</td>
                        <td class="num">{e.onHandAfter}</td>
                        <td class="num">{e.reservedAfter}</td>
                        <td class="num">{e.availableAfter}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <Holds productId={productId} warehouseId={warehouseId} sequence={item.sequence} />
          <ConsistencyPanel item={item} onRepaired={saved} />
        </>
      )}
    </article>
  );
}
