/**
 * Checkout from a reservation: the order's items must ask, per product, for exactly what the
 * reservation holds. The items are then split into the reservation's warehouse lines, so the
 * order records where each unit was committed from (and a cancel restocks it there).
 */
import { MAX_CHECKOUT_STOCK_LINES } from './limits.js';
import type { OrderItemRecord } from './records.js';
import type { ValidItem, Violation } from './validation.js';

export interface ReservedLine {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export type CheckoutMatch = { ok: true; items: OrderItemRecord[] } | { ok: false; violations: Violation[] };

function totalsByProduct(lines: { productId: string; quantity: number }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  lines.forEach((l) => {
    totals[l.productId] = (totals[l.productId] ?? 0) + l.quantity;
  });
  return totals;
}

export function matchReservation(items: ValidItem[], reserved: ReservedLine[]): CheckoutMatch {
  const violations: Violation[] = [];
  if (reserved.length > MAX_CHECKOUT_STOCK_LINES) {
    violations.push({
      field: 'reservationId',
      message: `the reservation holds ${reserved.length} product/warehouse lines; a checkout transaction fits at most ${MAX_CHECKOUT_STOCK_LINES}`,
    });
  }
  const ordered = totalsByProduct(items);
  const held = totalsByProduct(reserved);
  Object.keys(ordered).forEach((productId) => {
    const heldQuantity = held[productId] ?? 0;
    if (heldQuantity !== ordered[productId]) {
      const first = items.findIndex((i) => i.productId === productId);
      violations.push({
        field: `items[${first}].quantity`,
        message: `product ${productId}: the items ask for ${ordered[productId]}, the reservation holds ${heldQuantity}`,
      });
    }
  });
  Object.keys(held).forEach((productId) => {
    if (ordered[productId] === undefined)
      violations.push({
        field: 'items',
        message: `product ${productId}: the reservation holds ${held[productId]}, the items ask for none`,
      });
  });
  if (violations.length > 0) return { ok: false, violations };

  // Each item takes its units from the reservation's lines of its product, first line first.
  const left = reserved.map((l) => ({ productId: l.productId, warehouseId: l.warehouseId, quantity: l.quantity }));
  const out: OrderItemRecord[] = [];
  items.forEach((item) => {
    let wanted = item.quantity;
    left.forEach((line) => {
      if (wanted === 0 || line.productId !== item.productId || line.quantity === 0) return;
      const take = Math.min(wanted, line.quantity);
      line.quantity = line.quantity - take;
      wanted = wanted - take;
      out.push({
        productId: item.productId,
        warehouseId: line.warehouseId,
        quantity: take,
        unitPrice: item.unitPrice,
        lineTotal: take * item.unitPrice,
      });
    });
  });
  return { ok: true, items: out };
}

/** Units per stock item of an order (lines of one product and warehouse summed): what a cancel restocks. */
export function committedLines(items: OrderItemRecord[]): ReservedLine[] {
  const out: ReservedLine[] = [];
  items.forEach((item) => {
    if (!item.warehouseId) return;
    const same = out.find((l) => l.productId === item.productId && l.warehouseId === item.warehouseId);
    if (same) same.quantity = same.quantity + item.quantity;
    else out.push({ productId: item.productId, warehouseId: item.warehouseId, quantity: item.quantity });
  });
  return out;
}
