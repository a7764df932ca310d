/**
 * One hub per API and key: every <stockroom-stock> on the page shares its single WebSocket
 * (`clients/realtime` `createConnection`) and its `onStockChangedForProducts` subscriptions, one per
 * MAX_PRODUCTS_PER_SUBSCRIPTION products. Products that register in the same task are batched,
 * so a page of widgets opens one subscription per ten products, not one per widget.
 *
 * Resume: the storefront key may not read the ledger, so when a subscription is (re)started it
 * reads `productStock` for its products and keeps whichever is newer per item, by `sequence`
 * (publishers deliver at least once: a change at or below the last one seen is dropped). A change
 * carries the item's whole public state, so a skipped sequence needs no catch-up.
 */
import { createConnection, type RealtimeConnection, type WebSocketFactory } from '../../clients/realtime/connection.js';
import { createGraphqlCall } from '../../clients/realtime/graphql.js';

/**
 * The documented maximum of `onStockChangedForProducts(productIds:)` (docs/realtime.md: AppSync's
 * filter limits allow two `in` groups of five values).
 */
export const MAX_PRODUCTS_PER_SUBSCRIPTION = 10;

export interface ItemStock {
  readonly warehouseId: string;
  readonly available: number | null;
  readonly status: string | null;
  readonly sequence: number;
}

/** What a widget is told: the product's items (empty when it has no stock record), or an error. */
export interface ProductUpdate {
  readonly items: ReadonlyMap<string, ItemStock>;
  readonly error?: string;
  /** The connection is down: what is shown may be out of date until it resumes. */
  readonly stale: boolean;
}
export type ProductListener = (update: ProductUpdate) => void;

export interface HubOptions {
  readonly graphqlUrl: string;
  readonly apiKey: string;
  readonly WebSocket?: WebSocketFactory;
  /** Tests: the fetch the `productStock` resyncs use. */
  readonly fetch?: typeof fetch;
}

interface ProductEntry {
  readonly items: Map<string, ItemStock>;
  readonly listeners: Set<ProductListener>;
  loaded: boolean;
  error?: string;
}

interface Chunk {
  productIds: string[];
  stop?: () => void;
}

const FIELDS = 'productId warehouseId available status sequence';
const SUBSCRIPTION = `subscription($ids: [ID!]!) { onStockChangedForProducts(productIds: $ids) { ${FIELDS} } }`;
const PRODUCT_STOCK = `query($p: ID!) { productStock(productId: $p) { items { ${FIELDS} } } }`;

type Change = ItemStock & { productId: string };

export function createStockHub(options: HubOptions) {
  const auth = () => ({ 'x-api-key': options.apiKey });
  const connection: RealtimeConnection = createConnection({
    graphqlUrl: options.graphqlUrl,
    auth,
    WebSocket: options.WebSocket,
    onStatus: (status) => {
      const nowStale = status !== 'connected';
      if (nowStale === stale) return;
      stale = nowStale;
      for (const id of products.keys()) notify(id);
    },
  });
  const graphql = createGraphqlCall(options.graphqlUrl, auth, options.fetch);
  const products = new Map<string, ProductEntry>();
  const chunks: Chunk[] = [];
  const pending = new Set<string>();
  let flushScheduled = false;
  let stale = false;

  function notify(productId: string): void {
    const entry = products.get(productId);
    if (!entry || (!entry.loaded && !entry.error)) return;
    const update: ProductUpdate = { items: entry.items, error: entry.error, stale };
    for (const listener of entry.listeners) listener(update);
  }

  /** Keeps the newer state of one item; true when it changed what is shown. */
  function apply(change: Change): boolean {
    const entry = products.get(change.productId);
    if (!entry) return false;
    const seen = entry.items.get(change.warehouseId);
    if (seen && change.sequence <= seen.sequence) return false;
    const { warehouseId, available, status, sequence } = change;
    entry.items.set(warehouseId, { warehouseId, available, status, sequence });
    return true;
  }

  async function resync(productId: string): Promise<void> {
    const entry = products.get(productId);
    if (!entry) return;
    try {
      const result = await graphql(PRODUCT_STOCK, { p: productId });
      if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
      const items = (result.data as { productStock: { items: Change[] } | null }).productStock?.items ?? [];
      for (const item of items) apply(item);
      entry.loaded = true;
      entry.error = undefined;
    } catch (error) {
      if (!entry.loaded) entry.error = error instanceof Error ? error.message : String(error);
    }
    notify(productId);
  }

  function startChunk(chunk: Chunk): void {
    chunk.stop?.();
    chunk.stop = connection.subscribe(
      SUBSCRIPTION,
      { ids: [...chunk.productIds] },
      {
        next: (payload) => {
          const change = (payload.data as { onStockChangedForProducts: Change | null } | null)?.onStockChangedForProducts;
          if (change && apply(change)) notify(change.productId);
        },
        error: (errors) => {
          for (const id of chunk.productIds) {
            const entry = products.get(id);
            if (entry) entry.error = errors.map((e) => e.message).join('; ');
            notify(id);
          }
        },
        // First start and every resume: read the current state of each product of this chunk.
        onReady: () => {
          for (const id of chunk.productIds) void resync(id);
        },
      },
    );
  }

  /** Places the products registered in this task into chunks (filling the last one first). */
  function flush(): void {
    flushScheduled = false;
    const touched = new Set<Chunk>();
    for (const id of pending) {
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.productIds.length >= MAX_PRODUCTS_PER_SUBSCRIPTION) {
        chunk = { productIds: [] };
        chunks.push(chunk);
      }
      chunk.productIds.push(id);
      touched.add(chunk);
    }
    pending.clear();
    for (const chunk of touched) startChunk(chunk);
  }

  return {
    /** Calls `listener` with the product's stock now (if known) and on every change; returns its stop. */
    watch(productId: string, listener: ProductListener): () => void {
      let entry = products.get(productId);
      if (!entry) {
        entry = { items: new Map(), listeners: new Set(), loaded: false };
        products.set(productId, entry);
        pending.add(productId);
        if (!flushScheduled) {
          flushScheduled = true;
          setTimeout(flush, 0);
        }
      }
      entry.listeners.add(listener);
      if (entry.loaded || entry.error) listener({ items: entry.items, error: entry.error, stale });
      const watched = entry;
      // The product stays subscribed: a widget moved in the DOM re-attaches without a new subscription.
      return () => void watched.listeners.delete(listener);
    },
    /** Tests and benchmarks: how many subscriptions are open. */
    subscriptionCount: () => chunks.length,
    close: () => connection.close(),
  };
}

export type StockHub = ReturnType<typeof createStockHub>;
