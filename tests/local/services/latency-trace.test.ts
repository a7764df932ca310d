import { afterEach, describe, expect, it } from 'vitest';
import { takeLatencyTrace, traceHop, traceKey, traceStreamHop } from '../../../local/services/latency-trace.js';

const item = { productId: 'p1', warehouseId: 'north', available: 7 };

afterEach(() => {
  delete process.env['STOCKROOM_TRACE_LATENCY'];
  takeLatencyTrace();
});

describe('local/services/latency-trace', () => {
  it('keeps nothing unless STOCKROOM_TRACE_LATENCY=1', () => {
    traceHop('write', item, 1);
    expect(takeLatencyTrace().size).toBe(0);
  });

  it('keeps the first time of each hop per item and available count, and forgets them once taken', () => {
    process.env['STOCKROOM_TRACE_LATENCY'] = '1';
    traceHop('write', item, 10);
    traceHop('write', item, 20); // a retried hop keeps its first time
    traceHop('fanout-sent', item, 30);
    traceHop('write', { ...item, available: 8 }, 40);
    traceHop('write', { productId: 'p1' }, 50); // not a stock item: ignored
    const trace = takeLatencyTrace();
    expect(trace.get(traceKey('p1', 'north', 7))).toEqual({ write: 10, 'fanout-sent': 30 });
    expect(trace.get(traceKey('p1', 'north', 8))).toEqual({ write: 40 });
    expect(trace.size).toBe(2);
    expect(takeLatencyTrace().size).toBe(0);
  });

  it('reads a stream record image as DynamoDB attribute values', () => {
    process.env['STOCKROOM_TRACE_LATENCY'] = '1';
    traceStreamHop('poll', { productId: { S: 'p1' }, warehouseId: { S: 'north' }, available: { N: '7' } }, 5);
    traceStreamHop('poll', undefined, 6);
    expect(takeLatencyTrace().get(traceKey('p1', 'north', 7))).toEqual({ poll: 5 });
  });
});
