/** The numbers an order must respect (docs/orders.md). Pure data: resolvers and tests read them. */

export const MIN_ITEMS = 1;
export const MAX_ITEMS = 50;
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 100;
/** GraphQL `Int` is a signed 32-bit integer: every lineTotal and the total must fit it. */
export const MAX_INT = 2147483647;
/** `JSON.stringify` of the input as received, in UTF-8 bytes. */
export const MAX_INPUT_BYTES = 1024;

/** A duplicate with the same idempotency key within this time returns the original order. */
export const KEY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Without a key, an identical payload from the same caller within this time is a duplicate. */
export const FINGERPRINT_WINDOW_MS = 15 * 1000;
/** Idempotency records stay a little past their window before DynamoDB TTL may delete them. */
export const RECORD_RETENTION_SECONDS = 60 * 60;

/** DynamoDB's TransactWriteItems limit. */
export const MAX_TRANSACTION_ACTIONS = 100;
/** A checkout writes the idempotency record, the order and the reservation besides its stock items. */
export const CHECKOUT_FIXED_ACTIONS = 3;
/** So a reservation behind an order may hold at most this many product/warehouse lines. */
export const MAX_CHECKOUT_STOCK_LINES = MAX_TRANSACTION_ACTIONS - CHECKOUT_FIXED_ACTIONS;
