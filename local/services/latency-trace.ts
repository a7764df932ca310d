/**
 * Debug aid, off unless `STOCKROOM_TRACE_LATENCY=1`: the wall-clock time (ms since the epoch,
 * sub-millisecond) at which a stock change passes each local hop on its way to subscribers
 * (resolver write, stream poll, publisher invocation, publish mutation, fan-out), keyed by item
 * and `available`. `bench/widget.ts` reads it to report where the time goes, hop by hop. When off,
 * `traceHop` returns at once and nothing is kept.
 */
export type TraceKey = string;

const marks = new Map<TraceKey, Record<string, number>>();

export function latencyTraceEnabled(): boolean {
  return process.env['STOCKROOM_TRACE_LATENCY'] === '1';
}

/** Epoch milliseconds with sub-millisecond precision (the same base as a browser's `performance.timeOrigin + now()`). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export function traceKey(productId: string, warehouseId: string, available: number): TraceKey {
  return `${productId}|${warehouseId}|${available}`;
}

/** Marks `hop` for the change (first mark wins: a retried hop keeps its first time). */
export function traceHop(hop: string, item: unknown, at: number = epochMs()): void {
  if (!latencyTraceEnabled() || item === null || typeof item !== 'object') return;
  const { productId, warehouseId, available } = item as Record<string, unknown>;
  if (typeof productId !== 'string' || typeof warehouseId !== 'string' || typeof available !== 'number') return;
  const key = traceKey(productId, warehouseId, available);
  const hops = marks.get(key) ?? {};
  hops[hop] ??= at;
  marks.set(key, hops);
}

/** The marks so far (and forgets them). */
export function takeLatencyTrace(): Map<TraceKey, Record<string, number>> {
  const out = new Map(marks);
  marks.clear();
  return out;
}

type StreamImage = Record<string, { S?: string; N?: string } | undefined> | undefined;

/** `traceHop` for a DynamoDB stream record's new image (attribute values, not yet unmarshalled). */
export function traceStreamHop(hop: string, image: StreamImage, at: number = epochMs()): void {
  if (!latencyTraceEnabled() || !image) return;
  const available = image['available']?.N;
  traceHop(
    hop,
    {
      productId: image['productId']?.S,
      warehouseId: image['warehouseId']?.S,
      available: available === undefined ? undefined : Number(available),
    },
    at,
  );
}
