/**
 * Edit onHand and threshold with compare-and-set (ui/compare-and-set.tsx): on VersionConflict
 * both values are shown side by side; the user re-applies theirs (on the new version) or
 * discards it.
 */
import { useState } from 'preact/hooks';
import { SetStockDocument, StockLevelDocument, type StockItemFragment } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { CompareAndSetActions, ConflictView, useCompareAndSet } from '../../ui/compare-and-set.js';

// An admin always reads onHand and threshold (they are null only for the storefront key).
interface Draft {
  onHand: number;
  threshold: number;
}

export function StockEditor({ item, onSaved }: { item: StockItemFragment; onSaved: (item: StockItemFragment) => void }) {
  const { api } = useSession();
  const [base, setBase] = useState<StockItemFragment | null>(null);
  const [draft, setDraft] = useState<Draft>({ onHand: item.onHand ?? 0, threshold: item.threshold ?? 0 });
  const cas = useCompareAndSet<StockItemFragment>({
    write: async (expectedVersion) => {
      const { productId, warehouseId } = item;
      return (await api.request(SetStockDocument, { input: { productId, warehouseId, ...draft, expectedVersion } })).setStock;
    },
    readCurrent: async () =>
      (await api.request(StockLevelDocument, { productId: item.productId, warehouseId: item.warehouseId })).stockLevel ?? null,
    onSaved: (saved) => {
      setBase(null);
      onSaved(saved);
    },
  });

  function open() {
    setBase(item);
    setDraft({ onHand: item.onHand ?? 0, threshold: item.threshold ?? 0 });
    cas.reset();
  }

  if (!base) {
    return (
      <button type="button" onClick={open}>
        Edit on hand / threshold
      </button>
    );
  }
  const current = cas.conflict;
  return (
    <form
      class="editor"
      aria-label="Edit stock"
      onSubmit={(e) => {
        e.preventDefault();
        void cas.save(base);
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
      <ConflictView
        state={cas}
        rows={
          current
            ? [
                { label: 'On hand', mine: draft.onHand, theirs: current.onHand ?? '—', testId: 'onhand' },
                { label: 'Threshold', mine: draft.threshold, theirs: current.threshold ?? '—', testId: 'threshold' },
              ]
            : []
        }
      />
      <CompareAndSetActions
        state={cas}
        onDiscard={() => {
          const latest = cas.discard();
          if (latest) onSaved(latest);
          setBase(null);
        }}
      />
    </form>
  );
}
