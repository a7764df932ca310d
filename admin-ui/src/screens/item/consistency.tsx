/**
 * The consistency check of a product (reserved against ACTIVE holds, onHand against the ledger)
 * and, when it finds drift in this item, the repair. Both continue with `nextToken` while the
 * server reports `complete: false` (docs/api.md, consistency).
 */
import { useState } from 'preact/hooks';
import {
  CheckConsistencyDocument,
  RepairInventoryDocument,
  type CheckConsistencyQuery,
  type RepairInventoryMutation,
  type StockItemFragment,
} from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { ErrorNotice } from '../../ui/feedback.js';

type Report = CheckConsistencyQuery['checkInventoryConsistency'];

export function ConsistencyPanel({ item, onRepaired }: { item: StockItemFragment; onRepaired: (item: StockItemFragment) => void }) {
  const { api } = useSession();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(task: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await task();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const check = () =>
    run(async () => {
      let nextToken: string | null = null;
      for (let call = 0; call < 50; call += 1) {
        const { checkInventoryConsistency: r }: CheckConsistencyQuery = await api.request(CheckConsistencyDocument, {
          productId: item.productId,
          nextToken,
        });
        if (r.complete !== false || !r.nextToken) return setReport(r);
        nextToken = r.nextToken;
      }
      throw new Error('the check did not complete in 50 calls: run it again');
    });

  const repair = () =>
    run(async () => {
      let nextToken: string | null = null;
      for (let call = 0; call < 50; call += 1) {
        const { repairInventory }: RepairInventoryMutation = await api.request(RepairInventoryDocument, {
          productId: item.productId,
          warehouseId: item.warehouseId,
          nextToken,
        });
        if (repairInventory.complete !== false || !repairInventory.nextToken) {
          onRepaired(repairInventory);
          setReport(null);
          return;
        }
        nextToken = repairInventory.nextToken;
      }
      throw new Error('the repair did not complete in 50 calls: run it again');
    });

  const mine = report?.items.find((i) => i.warehouseId === item.warehouseId);
  return (
    <section aria-labelledby="consistency-title">
      <h2 id="consistency-title">Consistency</h2>
      <button type="button" onClick={check} disabled={busy}>
        Check consistency
      </button>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {report && !mine && <p role="status">Consistent: no drift found.</p>}
      {mine && mine.mismatches.length === 0 && (
        <p role="status">
          Consistent: reserved {mine.reserved} matches the holds
          {mine.ledgerBehind ? ' (the ledger trails the item: onHand not compared yet)' : ''}.
        </p>
      )}
      {mine && mine.mismatches.length > 0 && (
        <div role="status" class="drift">
          <p>
            Drift found: reserved {mine.reserved}, holds say {mine.expectedReserved}; on hand {mine.onHand}, ledger says{' '}
            {mine.expectedOnHand}.
          </p>
          <ul>
            {mine.mismatches.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <button type="button" onClick={repair} disabled={busy}>
            Repair reserved
          </button>
        </div>
      )}
    </section>
  );
}
