/**
 * Keys of the single-table design (docs/data-model.md): one builder per item kind, shared by the
 * resolvers (bundled by esbuild) and the Lambda functions. Pure and APPSYNC_JS-safe.
 */

/** A type, not an interface: AppSync's `toMapValues` takes records with an index signature. */
export type Key = {
  pk: string;
  sk: string;
};

export const PRODUCT_PREFIX = 'PRODUCT#';
export const STOCK_PREFIX = 'STOCK#';
export const LEDGER_PREFIX = 'LEDGER#';
export const RESERVATION_PREFIX = 'RESERVATION#';

/** The ACTIVE-by-expiry index: only ACTIVE reservations carry its keys. */
export const ACTIVE_INDEX = 'gsi1';
/** gsi1 partitions of ACTIVE reservations (`RESERVATION#ACTIVE#<shard>`): 16 spread the index. */
export const RESERVATION_SHARDS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];

/** The partition of a product: its stock items and ledger rows. */
export function productPartition(productId: string): string {
  return `${PRODUCT_PREFIX}${productId}`;
}

export function inventoryKey(productId: string, warehouseId: string): Key {
  return { pk: productPartition(productId), sk: `${STOCK_PREFIX}${warehouseId}` };
}

export function warehouseRegistryKey(warehouseId: string): Key {
  return { pk: 'WAREHOUSES', sk: `WAREHOUSE#${warehouseId}` };
}

/** The sort-key prefix every ledger row of one item starts with (`LEDGER#<warehouse>#`). */
export function ledgerSortPrefix(warehouseId: string): string {
  return `${LEDGER_PREFIX}${warehouseId}#`;
}

/**
 * Ledger rows sort by sequence within an item: the sequence is zero-padded to 12 digits, so
 * "since N" is a key range (APPSYNC_JS has no `padStart`).
 */
export function ledgerKey(productId: string, warehouseId: string, sequence: number): Key {
  const digits = `${sequence}`;
  return { pk: productPartition(productId), sk: `${ledgerSortPrefix(warehouseId)}${'000000000000'.slice(digits.length)}${digits}` };
}

export function reservationKey(id: string): Key {
  return { pk: `${RESERVATION_PREFIX}${id}`, sk: 'RESERVATION' };
}

export function commitKey(id: string): Key {
  return { pk: `COMMIT#${id}`, sk: 'COMMIT' };
}

/** What an idempotency record guards: reservations and commits keep separate request-id spaces. */
export type IdempotentKind = 'RESERVATION' | 'COMMIT';

/**
 * The idempotency record of one caller's request id, apart from the reservation or commit it
 * points to (whose id is random and reveals neither). Request ids hold no `#`, so the key is
 * unambiguous whatever the scope; the prefix is not `RESERVATION#`, so scans for holds skip it.
 */
export function idempotencyKey(kind: IdempotentKind, scope: string, requestId: string): Key {
  return { pk: `IDEMPOTENCY#${kind}#${scope}#${requestId}`, sk: 'IDEMPOTENCY' };
}

export function activeShardKey(shard: string): string {
  return `${RESERVATION_PREFIX}ACTIVE#${shard}`;
}

/** The ACTIVE-by-expiry index entry of a reservation (sorted by expiry, then id). */
export function activeIndexKeys(id: string, expiresAt: string, shard: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: activeShardKey(shard), gsi1sk: `${expiresAt}#${id}` };
}

/** `PRODUCT#p`/`STOCK#w` → ids; undefined for any other item. */
export function inventoryIdsOf(key: { pk?: unknown; sk?: unknown }): { productId: string; warehouseId: string } | undefined {
  if (typeof key.pk !== 'string' || typeof key.sk !== 'string') return undefined;
  if (!key.pk.startsWith(PRODUCT_PREFIX) || !key.sk.startsWith(STOCK_PREFIX)) return undefined;
  const productId = key.pk.slice(PRODUCT_PREFIX.length);
  const warehouseId = key.sk.slice(STOCK_PREFIX.length);
  if (productId === '' || warehouseId === '') return undefined;
  return { productId, warehouseId };
}

// Admin reservations listing (docs/admin-app.md)

/** Every reservation, newest first (the admin listing); written once, when the hold is made. */
export const RESERVATION_LIST_INDEX = 'gsi14';
export const RESERVATION_LIST_PARTITION = 'RESERVATIONS';

/** The listing index entry of a reservation: sorted by creation time, then id. */
export function reservationListKeys(id: string, createdAt: string): { gsi14pk: string; gsi14sk: string } {
  return { gsi14pk: RESERVATION_LIST_PARTITION, gsi14sk: `${createdAt}#${id}` };
}
