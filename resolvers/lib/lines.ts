/** Order lines of reservations and commits: validation, summing, allocation bookkeeping. */
import { util } from '@aws-appsync/utils';
import { invalid } from './errors';
import { requireId, requireInt } from './validate';

export const MAX_LINES = 100;
export const MAX_LINE_QUANTITY = 10000;
/** One transaction holds at most 100 items: the idempotency record, the reservation or commit, and 98 stock items. */
export const MAX_DISTINCT_ITEMS = 98;

export interface RequestedLine {
  productId: string;
  warehouseId: string | null;
  quantity: number;
}

export interface AllocatedLine {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export function validateLines(field: string, raw: unknown): RequestedLine[] {
  // The schema guarantees a list; `Array.isArray` is not on APPSYNC_JS's list of supported built-ins.
  const list = raw as { productId?: unknown; warehouseId?: unknown; quantity?: unknown }[] | null;
  if (list === null || typeof list !== 'object' || typeof list.length !== 'number' || list.length === 0 || list.length > MAX_LINES) {
    return invalid(field, `must hold 1 to ${MAX_LINES} lines`);
  }
  const lines = list.map((line: { productId?: unknown; warehouseId?: unknown; quantity?: unknown }, i: number) => {
    const at = `${field}[${i}]`;
    const hasWarehouse = line.warehouseId !== undefined && line.warehouseId !== null;
    return {
      productId: requireId(`${at}.productId`, line.productId),
      warehouseId: hasWarehouse ? requireId(`${at}.warehouseId`, line.warehouseId) : null,
      quantity: requireInt(`${at}.quantity`, line.quantity, 1, MAX_LINE_QUANTITY),
    };
  });
  requireSummedLimit(field, lines);
  return lines;
}

/**
 * The line limit holds after summing too: lines of one product for the same warehouse (or all
 * left without one) may add up to at most MAX_LINE_QUANTITY, so a split cart cannot pass it.
 */
function requireSummedLimit(field: string, lines: RequestedLine[]): void {
  const groups: Record<string, { total: number; indexes: number[] }> = {};
  const order: string[] = [];
  lines.forEach((l, i) => {
    const key = JSON.stringify([l.productId, l.warehouseId]);
    const group = groups[key];
    if (group) {
      group.total = group.total + l.quantity;
      group.indexes.push(i);
    } else {
      groups[key] = { total: l.quantity, indexes: [i] };
      order.push(key);
    }
  });
  const over = order.find((k) => (groups[k]?.total ?? 0) > MAX_LINE_QUANTITY);
  const group = over === undefined ? undefined : groups[over];
  if (!group) return;
  const names = group.indexes.map((i) => `${field}[${i}]`);
  util.error(
    `${names.join(', ')}: lines of one product and warehouse sum to ${group.total}; at most ${MAX_LINE_QUANTITY} in all`,
    'ValidationError',
    null,
    {
      field,
      lines: names,
      total: group.total,
      max: MAX_LINE_QUANTITY,
    },
  );
}

/** Sums lines of the same product and warehouse (a bundle cart must not oversell), first-seen order. */
export function sumLines(lines: AllocatedLine[]): AllocatedLine[] {
  const out: AllocatedLine[] = [];
  for (const line of lines) {
    const same = out.find((l) => l.productId === line.productId && l.warehouseId === line.warehouseId);
    if (same) same.quantity = same.quantity + line.quantity;
    else out.push({ productId: line.productId, warehouseId: line.warehouseId, quantity: line.quantity });
  }
  // Lines without a warehouse may be allocated next to others of the same product: the limit holds there too.
  const over = out.find((l) => l.quantity > MAX_LINE_QUANTITY);
  if (over) {
    util.error(
      `input.lines: lines of ${over.productId} allocated to ${over.warehouseId} sum to ${over.quantity}; at most ${MAX_LINE_QUANTITY} in all`,
      'ValidationError',
      null,
      {
        field: 'input.lines',
        productId: over.productId,
        warehouseId: over.warehouseId,
        total: over.quantity,
        max: MAX_LINE_QUANTITY,
      },
    );
  }
  if (out.length > MAX_DISTINCT_ITEMS) {
    return invalid('input.lines', `may touch at most ${MAX_DISTINCT_ITEMS} distinct product/warehouse pairs`);
  }
  return out;
}

/**
 * The normalised request, compared on retries of the same requestId: the same cart with its lines
 * reordered or split, or with the default hold time spelled out, is the same request.
 */
export function fingerprint(lines: RequestedLine[], ttlSeconds: number): string {
  const totals: Record<string, number> = {};
  for (const l of lines) {
    const key = JSON.stringify([l.productId, l.warehouseId]);
    totals[key] = (totals[key] ?? 0) + l.quantity;
  }
  // sort() without a comparator (APPSYNC_JS allows no other): the keys are JSON strings.
  const keys = Object.keys(totals);
  keys.sort();
  return JSON.stringify({ lines: keys.map((k) => [k, totals[k]]), ttlSeconds });
}

/** URL-safe base64 without padding; `replaceAll` would read its pattern as a Java regex on AWS. */
export function base64Url(text: string): string {
  return util.base64Encode(text).split('+').join('-').split('/').join('_').split('=').join('');
}
