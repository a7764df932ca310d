/** Identifier formats of the order domain (the same rules the reservation resolvers apply). */
import { isToken } from './text.js';

/** `^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$` */
export function isCustomerId(value: unknown): boolean {
  return isToken(value, 3, 64, '_-');
}

/** Product ids: `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$` (as inventory and reservations accept them). */
export function isProductId(value: unknown): boolean {
  return isToken(value, 1, 64, '_-');
}

/** `res_` + 4–400 of `[A-Za-z0-9_-]` (new ids are `res_` + a ULID; the wider form still accepts older ids). */
export function isReservationId(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('res_') && isToken(`x${value.slice(4)}`, 5, 401, '_-');
}

/** Order ids: `ord_` + a ULID. Accepts `ord_` + 1–64 of `[A-Za-z0-9]`. */
export function isOrderId(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('ord_') && isToken(value.slice(4), 1, 64, '');
}

/** Idempotency keys: 1–128 of letters, digits, `_ - . :`, starting with a letter or digit (UUIDs, ULIDs). */
export function isIdempotencyKey(value: unknown): boolean {
  return isToken(value, 1, 128, '_-.:');
}
