/**
 * Validation of a createOrder input, run in the resolver before any write. Every violation is
 * reported (not only the first), each naming its field path (`items[2].quantity`).
 */
import { isCurrencyCode } from './currencies.js';
import { isCustomerId, isIdempotencyKey, isProductId, isReservationId } from './ids.js';
import { MAX_INPUT_BYTES, MAX_INT, MAX_ITEMS, MAX_QUANTITY, MIN_ITEMS, MIN_QUANTITY } from './limits.js';
import { isInteger, utf8ByteLength } from './text.js';

export interface Violation {
  field: string;
  message: string;
}

export interface OrderItemInputLike {
  productId?: unknown;
  quantity?: unknown;
  unitPrice?: unknown;
}

export interface OrderInputLike {
  customerId?: unknown;
  items?: unknown;
  currency?: unknown;
  reservationId?: unknown;
  idempotencyKey?: unknown;
}

export interface ValidItem {
  productId: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface ValidOrderInput {
  customerId: string;
  items: ValidItem[];
  currency: string;
  reservationId: string | null;
  idempotencyKey: string | null;
  total: number;
}

export type OrderValidation = { ok: true; value: ValidOrderInput } | { ok: false; violations: Violation[] };

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A list as GraphQL hands it over (`Array.isArray` is not available in APPSYNC_JS). */
function asList(value: unknown): unknown[] | null {
  const list = value as unknown[] | null;
  return list !== null && typeof list === 'object' && typeof list.length === 'number' ? list : null;
}

export function idempotencyKeyViolation(field: string, value: unknown): Violation | null {
  return isIdempotencyKey(value)
    ? null
    : { field, message: 'must be 1-128 letters, digits, "_", "-", "." or ":", starting with a letter or digit' };
}

export function validateOrderInput(input: OrderInputLike): OrderValidation {
  const violations: Violation[] = [];
  const bytes = utf8ByteLength(JSON.stringify(input));
  if (bytes > MAX_INPUT_BYTES)
    violations.push({ field: 'input', message: `serializes to ${bytes} bytes; at most ${MAX_INPUT_BYTES} UTF-8 bytes are accepted` });
  if (!isCustomerId(input.customerId))
    violations.push({ field: 'customerId', message: 'must be 3-64 letters, digits, "_" or "-", starting with a letter or digit' });
  if (!isCurrencyCode(input.currency))
    violations.push({ field: 'currency', message: 'must be an ISO 4217 currency code such as EUR or USD' });
  if (given(input.reservationId) && !isReservationId(input.reservationId))
    violations.push({ field: 'reservationId', message: 'is not a reservation id' });
  if (given(input.idempotencyKey)) {
    const bad = idempotencyKeyViolation('idempotencyKey', input.idempotencyKey);
    if (bad) violations.push(bad);
  }

  const list = asList(input.items);
  const items: ValidItem[] = [];
  let linesValid = list !== null;
  if (list === null || list.length < MIN_ITEMS || list.length > MAX_ITEMS) {
    violations.push({ field: 'items', message: `must hold ${MIN_ITEMS} to ${MAX_ITEMS} items` });
  }
  (list ?? []).forEach((raw, i) => {
    const at = `items[${i}]`;
    const item = (raw ?? {}) as OrderItemInputLike;
    const productOk = isProductId(item.productId);
    const quantityOk = isInteger(item.quantity) && item.quantity >= MIN_QUANTITY && item.quantity <= MAX_QUANTITY;
    const priceOk = isInteger(item.unitPrice) && item.unitPrice >= 0 && item.unitPrice <= MAX_INT;
    if (!productOk)
      violations.push({ field: `${at}.productId`, message: 'must be 1-64 letters, digits, "_" or "-", starting with a letter or digit' });
    if (!quantityOk) violations.push({ field: `${at}.quantity`, message: `must be an integer from ${MIN_QUANTITY} to ${MAX_QUANTITY}` });
    if (!priceOk) violations.push({ field: `${at}.unitPrice`, message: `must be an integer from 0 to ${MAX_INT} (minor units)` });
    if (!quantityOk || !priceOk) {
      linesValid = false;
      return;
    }
    const quantity = item.quantity as number;
    const unitPrice = item.unitPrice as number;
    const lineTotal = quantity * unitPrice;
    if (lineTotal > MAX_INT) {
      violations.push({ field: `${at}.lineTotal`, message: `quantity × unitPrice is ${lineTotal}; at most ${MAX_INT}` });
      linesValid = false;
      return;
    }
    items.push({ productId: item.productId as string, quantity, unitPrice, lineTotal });
  });
  const total = items.reduce((sum, item) => sum + item.lineTotal, 0);
  if (linesValid && total > MAX_INT) violations.push({ field: 'total', message: `the items add up to ${total}; at most ${MAX_INT}` });

  if (violations.length > 0) return { ok: false, violations };
  return {
    ok: true,
    value: {
      customerId: input.customerId as string,
      items,
      currency: input.currency as string,
      reservationId: given(input.reservationId) ? (input.reservationId as string) : null,
      idempotencyKey: given(input.idempotencyKey) ? (input.idempotencyKey as string) : null,
      total,
    },
  };
}
