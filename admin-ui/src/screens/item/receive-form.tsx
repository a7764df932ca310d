/** Receive stock: units and a reference (delivery note, purchase order) kept in the ledger. */
import { useState } from 'preact/hooks';
import { ReceiveStockDocument, type StockItemFragment } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { ErrorNotice } from '../../ui/feedback.js';

export function ReceiveForm({ item, onSaved }: { item: StockItemFragment; onSaved: (item: StockItemFragment) => void }) {
  const { api } = useSession();
  const [quantity, setQuantity] = useState(1);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="inline-form"
      aria-label="Receive stock"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const { receiveStock } = await api.request(ReceiveStockDocument, {
            input: {
              productId: item.productId,
              warehouseId: item.warehouseId,
              quantity,
              reference: reference || null,
              requestId: crypto.randomUUID(),
            },
          });
          setReference('');
          onSaved(receiveStock);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        Units received
        <input
          type="number"
          name="quantity"
          min={1}
          required
          value={quantity}
          onInput={(e) => setQuantity(Number(e.currentTarget.value))}
        />
      </label>
      <label>
        Reference
        <input type="text" name="reference" placeholder="PO-1234" value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Receive
      </button>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </form>
  );
}
