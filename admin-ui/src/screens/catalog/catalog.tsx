/**
 * The catalog: one category's products (most popular first or by name), or a name search
 * (`searchProducts`, word prefix, optionally within the category); edit a product with
 * compare-and-set (product-editor.tsx).
 */
import { useState } from 'preact/hooks';
import {
  ProductsByCategoryDocument,
  SearchProductsDocument,
  type ProductFieldsFragment,
  type ProductSort,
} from '../../../generated/graphql.js';
import { wordsOf } from '../../../../model/catalog/normalize.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatMoney, formatTime } from '../../ui/format.js';
import { LoadMore, usePagedList } from '../../ui/paged-list.js';
import { ProductEditor } from './product-editor.js';

interface Filter {
  category: string;
  sort: ProductSort;
  search: string;
}

export function Catalog() {
  const { api } = useSession();
  const [filter, setFilter] = useState<Filter>({ category: '', sort: 'POPULARITY', search: '' });
  const [draft, setDraft] = useState({ category: '', search: '' });
  const [editing, setEditing] = useState<ProductFieldsFragment | null>(null);
  const [categories, setCategories] = useState<ReadonlySet<string>>(new Set());

  const list = usePagedList(
    async (nextToken) => {
      // searchProducts takes one word: the first word typed (the API folds case and accents).
      const [prefix] = wordsOf(filter.search);
      const category = filter.category || null;
      const page = prefix
        ? (await api.request(SearchProductsDocument, { prefix, category, limit: 50, nextToken })).searchProducts
        : category
          ? (await api.request(ProductsByCategoryDocument, { category, sort: filter.sort, limit: 50, nextToken })).productsByCategory
          : { items: [], nextToken: null };
      setCategories((seen) => new Set([...seen, ...page.items.map((p) => p.category)]));
      return { items: page.items, nextToken: page.nextToken ?? null };
    },
    [api, filter],
    (p) => p.id,
  );
  const products = list.items;
  const idle = !filter.category && wordsOf(filter.search).length === 0;

  const saved = (product: ProductFieldsFragment) => {
    list.setItems((current) => current?.map((p) => (p.id === product.id ? product : p)));
    setEditing(null);
  };

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <form
        class="filters"
        role="search"
        aria-label="Find products"
        onSubmit={(e) => {
          e.preventDefault();
          const next = { category: draft.category.trim(), search: draft.search.trim() };
          setFilter((f) => ({ ...f, ...next }));
        }}
      >
        <label>
          Category
          <input
            type="text"
            name="category"
            list="catalog-categories"
            value={draft.category}
            onInput={(e) => setDraft({ ...draft, category: e.currentTarget.value })}
          />
        </label>
        <label>
          Name word starts with
          <input type="search" name="search" value={draft.search} onInput={(e) => setDraft({ ...draft, search: e.currentTarget.value })} />
        </label>
        <label>
          Order
          <select
            name="sort"
            value={filter.sort}
            onChange={(e) => {
              const sort = e.currentTarget.value as ProductSort;
              setFilter((f) => ({ ...f, sort }));
            }}
          >
            <option value="POPULARITY">most popular first</option>
            <option value="NAME">by name</option>
          </select>
        </label>
        <button type="submit">Show</button>
        <datalist id="catalog-categories">
          {[...categories].sort().map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </form>
      {editing && <ProductEditor key={editing.id} product={editing} onSaved={saved} onClose={() => setEditing(null)} />}
      {list.error !== null && <ErrorNotice error={list.error} onDismiss={() => list.setError(null)} />}
      {products === undefined && <Loading what="products" />}
      {products !== undefined && products.length === 0 && (
        <Empty>{idle ? 'Enter a category (e.g. coffee) or a word of a product name.' : 'No products match.'}</Empty>
      )}
      {products && products.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Products{filter.search ? ' matching the search' : ` in ${filter.category}`}</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col" class="num">
                  Price
                </th>
                <th scope="col" class="num">
                  Popularity
                </th>
                <th scope="col" class="num">
                  Version
                </th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id} data-product={p.id}>
                  <th scope="row">
                    <code>{p.id}</code>
                  </th>
                  <td data-col="name">{p.name}</td>
                  <td>{p.category}</td>
                  <td class="num" data-col="price">
                    {formatMoney(p.price, p.currency)}
                  </td>
                  <td class="num">{p.popularity}</td>
                  <td class="num" data-col="version">
                    {p.version}
                  </td>
                  <td>{formatTime(p.updatedAt)}</td>
                  <td>
                    <button type="button" class="secondary" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="products" />
    </section>
  );
}
