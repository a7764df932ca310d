/** How long things live: hold times of reservations and the retention of terminal ones. */

export const DEFAULT_TTL_SECONDS = 900;
export const MIN_TTL_SECONDS = 60;
export const MAX_TTL_SECONDS = 86400;
/** Terminal reservations stay this long (idempotency needs 24 h), then DynamoDB TTL deletes them. */
export const RETENTION_SECONDS = 7 * 86400;
/** Largest stock figure accepted anywhere (keeps sums far from float precision limits). */
export const MAX_UNITS = 1000000000;
