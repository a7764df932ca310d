/**
 * The catalog end to end over HTTP on DynamoDB Local: upsert → product → searchable (accents and
 * mixed case, any word, within a category), compare-and-set, validation, who may read and write,
 * paging over 500 products, and Product.stock. Popularity and recommendations live in
 * catalog-popularity.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers/local-api.js';
import {
  BY_CATEGORY,
  PRODUCT,
  PRODUCT_WITH_STOCK,
  RECOMMENDATIONS,
  SEARCH,
  UPSERT,
  product,
  searchAll,
  upsert,
} from './support/catalog-fixture.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api?.stop();
});

describe('upsertProduct → searchProducts', () => {
  beforeAll(async () => {
    await upsert(api, product('cafe-creme', 'Café Crème', 'coffee'));
    await upsert(api, product('creme-brulee', 'Crème brûlée kit', 'desserts'));
    await upsert(api, product('cafetiere', 'Glass Cafetière 1L', 'equipment'));
    await upsert(api, product('decaf', 'Decaf beans', 'coffee'));
  });

  it.each([
    ['cafe', ['cafe-creme', 'cafetiere']],
    ['CAFÉ', ['cafe-creme', 'cafetiere']],
    ['Cafet', ['cafetiere']],
    ['crè', ['cafe-creme', 'creme-brulee']],
    ['BRU', ['creme-brulee']],
    ['decaf', ['decaf']],
    ['af', []],
    ['zzz', []],
  ])('prefix %j finds %j (any word, case- and accent-insensitive)', async (prefix, ids) => {
    expect((await searchAll(api, api.apiKey, prefix)).sort()).toEqual(ids);
  });

  it('searches within one category', async () => {
    expect(await searchAll(api, api.apiKey, 'cafe', 'coffee')).toEqual(['cafe-creme']);
    expect(await searchAll(api, api.apiKey, 'cafe', 'desserts')).toEqual([]);
  });

  it('follows a rename and a category change: old words and the old category stop matching', async () => {
    const before = await upsert(api, product('rename-me', 'Arabica Blend', 'coffee'));
    const after = await upsert(api, product('rename-me', 'Robusta Blend', 'espresso'), before.version);
    expect(after.version).toBe(before.version + 1);
    expect(await searchAll(api, api.apiKey, 'arabica')).toEqual([]);
    expect(await searchAll(api, api.apiKey, 'robusta', 'espresso')).toEqual(['rename-me']);
    expect(await searchAll(api, api.apiKey, 'blend', 'coffee')).toEqual([]);
    const r = await api.gql<{ product: { name: string; category: string; version: number } }>(api.apiKey, PRODUCT, { id: 'rename-me' });
    expect(r.body.data!.product).toMatchObject({ name: 'Robusta Blend', category: 'espresso', version: 2 });
  });

  it('rejects a prefix that is not exactly one word', async () => {
    for (const p of ['', '  ', 'two words', '&&']) {
      const r = await api.gql(api.apiKey, SEARCH, { p });
      expect(r.body.errors?.[0]?.errorType).toBe('ValidationError');
    }
  });
});

describe('upsertProduct compare-and-set and validation', () => {
  it('creates with expectedVersion 0, then only the stored version may replace it', async () => {
    const created = await upsert(api, product('cas-1', 'Moka Pot', 'equipment'), 0);
    expect(created).toMatchObject({ version: 1, popularity: 0, price: 1250 });
    const again = await api.gql(api.admin, UPSERT, { input: product('cas-1', 'Moka Pot', 'equipment'), v: 0 });
    expect(again.body.errors?.[0]).toMatchObject({ errorType: 'VersionConflict', errorInfo: { expectedVersion: 0, currentVersion: 1 } });
    const stale = await api.gql(api.admin, UPSERT, { input: product('cas-1', 'Moka Pot XL', 'equipment'), v: 7 });
    expect(stale.body.errors?.[0]?.errorType).toBe('VersionConflict');
    const stored = await api.gql<{ product: { name: string; version: number } }>(api.admin, PRODUCT, { id: 'cas-1' });
    expect(stored.body.data!.product).toMatchObject({ name: 'Moka Pot', version: 1 });
    expect((await upsert(api, product('cas-1', 'Moka Pot XL', 'equipment'), 1)).version).toBe(2);
  });

  it('lets exactly one of two concurrent writers with the same expectedVersion win', async () => {
    await upsert(api, product('cas-2', 'Grinder', 'equipment'));
    const results = await Promise.all(
      ['Grinder Qa', 'Grinder Qb', 'Grinder Qc'].map((name) =>
        api.gql(api.admin, UPSERT, { input: product('cas-2', name, 'equipment'), v: 1 }),
      ),
    );
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.filter((r) => r.body.errors?.[0]?.errorType === 'VersionConflict').length).toBe(2);
    const winner = results.find((r) => !r.body.errors)!.body.data as { upsertProduct: { name: string } };
    const word = winner.upsertProduct.name.split(' ')[1]!.toLowerCase();
    // The loser's words were never indexed: its transaction wrote nothing.
    for (const letter of ['qa', 'qb', 'qc'])
      expect(await searchAll(api, api.apiKey, letter, 'equipment')).toEqual(letter === word ? ['cas-2'] : []);
  });

  it.each([
    ['id', { id: 'has space' }],
    ['name', { name: '' }],
    ['price', { price: -5 }],
    ['currency', { currency: 'euro' }],
    ['category', { category: 'a/b' }],
  ])('rejects a bad %s with a ValidationError naming it, and writes nothing', async (field, over) => {
    const input = { ...product('val-1', 'Valid Name', 'misc'), ...over };
    const r = await api.gql(api.admin, UPSERT, { input });
    expect(r.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: `input.${field}` } });
    const read = await api.gql<{ product: unknown }>(api.admin, PRODUCT, { id: 'val-1' });
    expect(read.body.data?.product ?? null).toBeNull();
  });

  it('keeps attributes as JSON and prices in minor units', async () => {
    const r = await api.gql<{ upsertProduct: { attributes: string; price: number } }>(api.admin, UPSERT, {
      input: product('attrs', 'Filter Papers', 'equipment', { price: 399, attributes: JSON.stringify({ size: '02', count: 100 }) }),
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.upsertProduct.price).toBe(399);
    expect(JSON.parse(r.body.data!.upsertProduct.attributes)).toEqual({ size: '02', count: 100 });
  });
});

describe('who may read and write the catalog', () => {
  let partnerKey: string;
  let readOnlyPartner: string;
  beforeAll(async () => {
    await upsert(api, product('auth-1', 'Tea Towel', 'kitchen'));
    partnerKey = (await api.createPartnerKey('auth-partner')).secret;
    readOnlyPartner = (await api.createPartnerKey('auth-reader', ['inventory:read'])).secret;
  });

  it('opens product reads to every auth mode', async () => {
    for (const caller of [api.apiKey, api.admin, api.user, api.iam, api.partner(partnerKey)]) {
      const r = await api.gql<{ product: { id: string } }>(caller, PRODUCT, { id: 'auth-1' });
      expect(r.body.errors, caller.name).toBeUndefined();
      expect(r.body.data!.product.id).toBe('auth-1');
      const s = await api.gql(caller, SEARCH, { p: 'towel' });
      expect(s.body.errors, caller.name).toBeUndefined();
      const c = await api.gql(caller, BY_CATEGORY, { c: 'kitchen' });
      expect(c.body.errors, caller.name).toBeUndefined();
    }
  });

  it('lets only admins upsert (the storefront key, partners, users and IAM may not)', async () => {
    for (const caller of [api.apiKey, api.user, api.iam, api.partner(partnerKey)]) {
      const r = await api.gql(caller, UPSERT, { input: product('auth-1', 'Hacked', 'kitchen') });
      expect(r.body.errors?.[0]?.errorType, caller.name).toBe('Unauthorized');
    }
    const r = await api.gql<{ product: { name: string } }>(api.admin, PRODUCT, { id: 'auth-1' });
    expect(r.body.data!.product.name).toBe('Tea Towel');
  });

  it('never answers recommendations to the storefront key, users, IAM or a partner without orders:read', async () => {
    for (const caller of [api.apiKey, api.user, api.iam, api.partner(readOnlyPartner)]) {
      const r = await api.gql(caller, RECOMMENDATIONS, { c: 'cust-auth' });
      expect(r.body.errors?.[0]?.errorType, caller.name).toBe('Unauthorized');
    }
  });
});

describe('paging over 500 products', () => {
  const COUNT = 500;
  beforeAll(async () => {
    const ids = Array.from({ length: COUNT }, (_, i) => i);
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (const i of ids.filter((n) => n % 8 === w)) {
        const n = String(i).padStart(3, '0');
        await upsert(api, product(`bulk-${n}`, `Widget ${i % 2 === 0 ? 'Ärmel' : 'armel'} ${n}`, 'bulk'));
      }
    });
    await Promise.all(workers);
  }, 240_000);

  it('returns every match exactly once across pages of searchProducts', async () => {
    const ids = await searchAll(api, api.apiKey, 'ARM', undefined, 70);
    expect(ids.length).toBe(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    // A word that only some names have: the numbers, so "04" finds 040-049.
    expect((await searchAll(api, api.apiKey, '04', 'bulk', 3)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `bulk-04${i}`));
  });

  it('pages a category by name in folded name order', async () => {
    const names: string[] = [];
    let next: string | null = null;
    do {
      const r: { body: { data?: { productsByCategory: { items: { name: string }[]; nextToken: string | null } } | null } } = await api.gql(
        api.apiKey,
        BY_CATEGORY,
        { c: 'bulk', sort: 'NAME', limit: 100, next },
      );
      names.push(...r.body.data!.productsByCategory.items.map((i) => i.name));
      next = r.body.data!.productsByCategory.nextToken;
    } while (next);
    expect(names.length).toBe(COUNT);
    expect(names.map((n) => n.slice(-3))).toEqual(Array.from({ length: COUNT }, (_, i) => String(i).padStart(3, '0')));
  });

  it('rejects a limit out of range and a forged nextToken', async () => {
    expect((await api.gql(api.apiKey, SEARCH, { p: 'arm', limit: 101 })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await api.gql(api.apiKey, BY_CATEGORY, { c: 'bulk', limit: 0 })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await api.gql(api.apiKey, SEARCH, { p: 'arm', next: 'forged' })).body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Product.stock', () => {
  it('is the product stock of productStock, null without stock', async () => {
    await upsert(api, product('stocked', 'Stocked Mug', 'kitchen'));
    const none = await api.gql<{ product: { stock: unknown } }>(api.apiKey, PRODUCT_WITH_STOCK, { id: 'stocked' });
    expect(none.body.data!.product.stock).toBeNull();
    const set = await api.gql(api.admin, 'mutation($i: SetStockInput!) { setStock(input: $i) { version } }', {
      i: { productId: 'stocked', warehouseId: 'north', onHand: 7 },
    });
    expect(set.body.errors).toBeUndefined();
    const r = await api.gql<{ product: { stock: { available: number; items: { warehouseId: string }[] } } }>(
      api.apiKey,
      PRODUCT_WITH_STOCK,
      {
        id: 'stocked',
      },
    );
    expect(r.body.data!.product.stock).toMatchObject({ available: 7, items: [{ warehouseId: 'north' }] });
  });
});
