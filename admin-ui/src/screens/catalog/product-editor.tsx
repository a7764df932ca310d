/**
 * Edit a product with compare-and-set (`upsertProduct` with the version the form was opened on,
 * ui/compare-and-set.tsx): on VersionConflict both values are shown, field by field, and the
 * user re-applies theirs on the new version or discards it. Attributes are kept as they are
 * (upsertProduct replaces the whole product).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ProductDocument, UpsertProductDocument, type ProductFieldsFragment } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { CompareAndSetActions, ConflictView, useCompareAndSet } from '../../ui/compare-and-set.js';
import { formatMoney } from '../../ui/format.js';

interface Draft {
  name: string;
  description: string;
  price: number;
  currency: string;
  category: string;
}

const draftOf = (p: ProductFieldsFragment): Draft => ({
  name: p.name,
  description: p.description ?? '',
  price: p.price,
  currency: p.currency,
  category: p.category,
});

export function ProductEditor({
  product,
  onSaved,
  onClose,
}: {
  product: ProductFieldsFragment;
  onSaved: (product: ProductFieldsFragment) => void;
  onClose: () => void;
}) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [product.id]);
  const cas = useCompareAndSet<ProductFieldsFragment>({
    write: async (expectedVersion) => {
      const input = { id: product.id, ...draft, description: draft.description || null, attributes: product.attributes };
      return (await api.request(UpsertProductDocument, { input, expectedVersion })).upsertProduct;
    },
    readCurrent: async () => (await api.request(ProductDocument, { id: product.id })).product ?? null,
    onSaved,
  });
  const current = cas.conflict;
  const field = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  return (
    <form
      class="editor card"
      aria-labelledby="product-editor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void cas.save(product);
      }}
    >
      <h2 id="product-editor-title" tabIndex={-1} ref={heading}>
        Edit {product.id} <span class="muted">(version {current?.version ?? product.version})</span>
      </h2>
      <label>
        Name
        <input type="text" name="name" required maxLength={128} value={draft.name} onInput={(e) => field('name', e.currentTarget.value)} />
      </label>
      <label>
        Category
        <input
          type="text"
          name="category"
          required
          pattern="[A-Za-z0-9_\-]{1,64}"
          value={draft.category}
          onInput={(e) => field('category', e.currentTarget.value)}
        />
      </label>
      <label>
        Price (minor units: {formatMoney(draft.price, draft.currency)})
        <input
          type="number"
          name="price"
          min={0}
          step={1}
          required
          value={draft.price}
          onInput={(e) => field('price', Number(e.currentTarget.value))}
        />
      </label>
      <label>
        Currency
        <input
          type="text"
          name="currency"
          required
          pattern="[A-Z]{3}"
          size={4}
          value={draft.currency}
          onInput={(e) => field('currency', e.currentTarget.value.toUpperCase())}
        />
      </label>
      <label class="wide">
        Description
        <textarea
          name="description"
          maxLength={2000}
          rows={3}
          value={draft.description}
          onInput={(e) => field('description', e.currentTarget.value)}
        />
      </label>
      <ConflictView
        state={cas}
        rows={
          current
            ? [
                { label: 'Name', mine: draft.name, theirs: current.name, testId: 'name' },
                { label: 'Category', mine: draft.category, theirs: current.category, testId: 'category' },
                {
                  label: 'Price',
                  mine: formatMoney(draft.price, draft.currency),
                  theirs: formatMoney(current.price, current.currency),
                  testId: 'price',
                },
                { label: 'Description', mine: draft.description || '—', theirs: current.description ?? '—' },
              ]
            : []
        }
      />
      <CompareAndSetActions
        state={cas}
        onDiscard={() => {
          const latest = cas.discard();
          if (latest) onSaved(latest);
          else onClose();
        }}
      />
    </form>
  );
}
