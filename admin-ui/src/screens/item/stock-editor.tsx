/**
 * Edit onHand and threshold with compare-and-set: the write carries the version the form was
 * opened on. On VersionConflict the current record is read again and both values are shown side
 * by side; the user re-applies theirs (on the new version) or discards it.
 */
import { useState } from 'preact/hooks';
import { SetStockDocument, StockLevelDocument, type StockItemFragment } from '../../../generated/graphql.js';
import { ApiError } from '../../api/errors.js';
import { useSession } from '../../api/session.js';
import { ErrorNotice } from '../../ui/feedback.js';

// An admin always reads onHand and threshold (they are null only for the storefront key).
interface Draft {
  onHand: number;
  threshold: number;
}

export function StockEditor({ item, onSaved }: { item: StockItemFragment; onSaved: (item: StockItemFragment) => void }) {
  const { api } = useSession();
  const [base, setBase] = useState<StockItemFragment | null>(null);
  const [draft, setDraft] = useState<Draft>({ onHand: item.onHand ?? 0, threshold: item.threshold ?? 0 });
  const [conflict, setConflict] = useState<StockItemFragment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function open() {
    setBase(item);
    setDraft({ onHand: item.onHand ?? 0, threshold: item.threshold ?? 0 });
    setConflict(null);
    setError(null);
  }

  async function save(expectedVersion: number) {
    setBusy(true);
    setError(null);
    try {
      const { setStock } = await api.request(SetStockDocument, {
        input: {
          productId: item.productId,
          warehouseId: item.warehouseId,
          onHand: draft.onHand,
          threshold: draft.threshold,
          expectedVersion,
        },
      });
      setBase(null);
      setConflict(null);
      onSaved(setStock);
    } catch (e) {
      if (e instanceof ApiError && e.errorType === 'VersionConflict') {
        const { stockLevel } = await api.request(StockLevelDocument, { productId: item.productId, warehouseId: item.warehouseId });
        setConflict(stockLevel ?? null);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    if (conflict) onSaved(conflict);
    setBase(null);
    setConflict(null);
    setError(null);
  }

  if (!base) {
    return (
      <button type="button" onClick={open}>
        Edit on hand / threshold
      </button>
    );
  }
  return (
    <form
      class="editor"
      aria-label="Edit stock"
      onSubmit={(e) => {
        e.preventDefault();
        void save(conflict ? conflict.version : base.version);
      }}
    >
      <label>
        On hand
        <input
          type="number"
          name="onHand"
          min={0}
          required
          value={draft.onHand}
          onInput={(e) => setDraft({ ...draft, onHand: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        Low-stock threshold
        <input
          type="number"
          name="threshold"
          min={0}
          required
          value={draft.threshold}
          onInput={(e) => setDraft({ ...draft, threshold: Number(e.currentTarget.value) })}
        />
      </label>
      {error !== null && <ErrorNotice error={error} />}
      {conflict && (
        <table class="conflict" aria-label="Your change and the current values">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Yours</th>
              <th scope="col">Current (version {conflict.version})</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">On hand</th>
              <td data-testid="mine-onhand">{draft.onHand}</td>
              <td data-testid="theirs-onhand">{conflict.onHand}</td>
            </tr>
            <tr>
              <th scope="row">Threshold</th>
              <td>{draft.threshold}</td>
              <td>{conflict.threshold}</td>
            </tr>
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {conflict ? 'Re-apply my change' : 'Save'}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={discard}>
          {conflict ? 'Discard mine' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
