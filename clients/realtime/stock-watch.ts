/**
 * Live stock of one product that survives disconnects without losing or repeating a change.
 * Every StockChange carries its item's `sequence`: a change at or below the last one seen is
 * dropped; a jump (n → n+2) or a reconnect triggers a catch-up while newer messages wait:
 * - `ledger` (partners, admins): the missing changes are read from `stockLedger(sinceSequence)`
 *   (retried while the ledger trails the item), so the app sees every sequence, once, in order;
 * - `resync` (the storefront key, which may not read the ledger): the current state is read from
 *   `productStock`, so the widget shows the latest stock (intermediate changes are skipped).
 */
import type { RealtimeConnection } from './connection.js';

export interface StockChange {
  productId: string;
  warehouseId: string;
  available: number | null;
  status: string | null;
  sequence: number;
  at: string | null;
  onHand?: number | null;
  reserved?: number | null;
  threshold?: number | null;
  reason?: string | null;
}

export type GraphqlCall = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: unknown; errors?: { message: string; errorType?: string | null }[] }>;

export interface WatchOptions {
  readonly connection: RealtimeConnection;
  readonly graphql: GraphqlCall;
  readonly productId: string;
  /** Only this warehouse's item; default every warehouse of the product. */
  readonly warehouseId?: string;
  readonly catchUp: 'ledger' | 'resync';
  readonly onChange: (change: StockChange) => void;
  readonly onError?: (error: Error) => void;
  /** After each catch-up (the first one, and one per reconnect). */
  readonly onSynced?: () => void;
  /** How long to wait for a trailing ledger: attempts × delayMs. */
  readonly ledgerRetry?: { readonly attempts: number; readonly delayMs: number };
}

const PUBLIC_FIELDS = 'productId warehouseId available status sequence at';
const ALL_FIELDS = `${PUBLIC_FIELDS} onHand reserved threshold reason`;
const SUBSCRIPTION = (fields: string) => `subscription($p: ID!, $w: ID) { onStockChanged(productId: $p, warehouseId: $w) { ${fields} } }`;
const PRODUCT_STOCK =
  'query($p: ID!) { productStock(productId: $p) { items { productId warehouseId available status sequence updatedAt threshold } } }';
const PRODUCT_STOCK_PUBLIC =
  'query($p: ID!) { productStock(productId: $p) { items { productId warehouseId available status sequence updatedAt } } }';
const LEDGER =
  'query($p: ID!, $w: ID!, $s: Int, $n: String) { stockLedger(productId: $p, warehouseId: $w, sinceSequence: $s, limit: 100, nextToken: $n) { items { sequence reason onHandAfter reservedAfter availableAfter at } nextToken } }';

interface ItemState {
  productId: string;
  warehouseId: string;
  available: number | null;
  status: string | null;
  sequence: number;
  updatedAt: string | null;
  threshold?: number;
}

interface LedgerEntry {
  sequence: number;
  reason: string;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
  at: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusOf(available: number, threshold: number | undefined): string | null {
  if (threshold === undefined) return null;
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= threshold ? 'LOW_STOCK' : 'IN_STOCK';
}

export function watchStock(options: WatchOptions): () => void {
  const { productId, warehouseId, catchUp } = options;
  const retry = options.ledgerRetry ?? { attempts: 50, delayMs: 200 };
  const last = new Map<string, number>();
  const thresholds = new Map<string, number>();
  let waiting: StockChange[] | undefined;
  let stopped = false;
  const key = (c: { warehouseId: string }) => c.warehouseId;

  async function query<T>(text: string, variables: Record<string, unknown>): Promise<T> {
    const r = await options.graphql(text, variables);
    if (r.errors && r.errors.length > 0) throw new Error(r.errors.map((e) => e.message).join('; '));
    return r.data as T;
  }

  async function currentItems(): Promise<ItemState[]> {
    const data = await query<{ productStock: { items: ItemState[] } | null }>(catchUp === 'ledger' ? PRODUCT_STOCK : PRODUCT_STOCK_PUBLIC, {
      p: productId,
    });
    return (data.productStock?.items ?? []).filter((i) => warehouseId === undefined || i.warehouseId === warehouseId);
  }

  function emit(change: StockChange): void {
    last.set(key(change), change.sequence);
    if (typeof change.threshold === 'number') thresholds.set(key(change), change.threshold);
    if (!stopped) options.onChange(change);
  }

  /** Reads the ledger after `from` until it reaches `to` (it trails the item by the stream's lag). */
  async function fillFromLedger(wh: string, to: number): Promise<void> {
    for (let attempt = 0; attempt < retry.attempts && !stopped; attempt += 1) {
      let nextToken: string | null = null;
      do {
        const from = last.get(wh) ?? 0;
        const data: { stockLedger: { items: LedgerEntry[]; nextToken: string | null } } = await query(LEDGER, {
          p: productId,
          w: wh,
          s: from,
          n: nextToken,
        });
        for (const e of data.stockLedger.items) {
          if (e.sequence <= (last.get(wh) ?? 0)) continue;
          const threshold = thresholds.get(wh);
          emit({
            productId,
            warehouseId: wh,
            available: e.availableAfter,
            status: statusOf(e.availableAfter, threshold),
            sequence: e.sequence,
            at: e.at,
            onHand: e.onHandAfter,
            reserved: e.reservedAfter,
            threshold: threshold ?? null,
            reason: e.reason,
          });
        }
        nextToken = data.stockLedger.nextToken;
      } while (nextToken);
      if ((last.get(wh) ?? 0) >= to) return;
      await sleep(retry.delayMs);
    }
    options.onError?.(new Error(`the ledger of ${productId}/${wh} did not reach sequence ${to}`));
  }

  /** Catches up every item to its current state, then replays what arrived meanwhile. */
  async function sync(initial: boolean): Promise<void> {
    waiting ??= [];
    try {
      const items = await currentItems();
      for (const item of items) {
        if (typeof item.threshold === 'number') thresholds.set(item.warehouseId, item.threshold);
        const seen = last.get(item.warehouseId);
        if (item.sequence <= (seen ?? -1)) continue;
        if (catchUp === 'resync' || (initial && seen === undefined)) {
          // The widget shows the current state; an admin's first sync sets where "every change" starts.
          if (catchUp === 'resync')
            emit({
              productId,
              warehouseId: item.warehouseId,
              available: item.available,
              status: item.status,
              sequence: item.sequence,
              at: item.updatedAt,
            });
          else last.set(item.warehouseId, item.sequence);
        } else {
          await fillFromLedger(item.warehouseId, item.sequence);
        }
      }
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
    const replay = waiting;
    waiting = undefined;
    for (const change of replay) await receive(change);
    options.onSynced?.();
  }

  async function receive(change: StockChange): Promise<void> {
    if (waiting) {
      waiting.push(change);
      return;
    }
    const seen = last.get(key(change));
    if (seen !== undefined && change.sequence <= seen) return;
    if (catchUp === 'ledger' && seen !== undefined && change.sequence > seen + 1) {
      waiting = [change];
      await fillFromLedger(key(change), change.sequence - 1);
      const replay = waiting;
      waiting = undefined;
      for (const c of replay) await receive(c);
      return;
    }
    emit(change);
  }

  // Messages are handled one at a time, in arrival order, even while a catch-up awaits the network.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task, task);
  };

  const unsubscribe = options.connection.subscribe(
    SUBSCRIPTION(catchUp === 'ledger' ? ALL_FIELDS : PUBLIC_FIELDS),
    warehouseId === undefined ? { p: productId } : { p: productId, w: warehouseId },
    {
      next: (payload) => {
        const change = (payload.data as { onStockChanged: StockChange | null } | null)?.onStockChanged;
        if (change) enqueue(() => receive(change));
      },
      error: (errors) => options.onError?.(new Error(errors.map((e) => `${e.errorType}: ${e.message}`).join('; '))),
      onReady: (resumed) => enqueue(() => sync(!resumed)),
    },
  );
  return () => {
    stopped = true;
    unsubscribe();
  };
}
