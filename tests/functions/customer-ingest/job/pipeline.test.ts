import { describe, expect, it } from 'vitest';
import {
  CustomerChain,
  OrderedCommitter,
  Slots,
  zeroCounters,
  type BatchResult,
} from '../../../../functions/customer-ingest/job/pipeline.js';
import type { ImportCheckpoint, ImportCounters } from '../../../../model/customers/records.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function batch(rows: number, byteOffset: number): BatchResult {
  const checkpoint: ImportCheckpoint = { byteOffset, rowsRead: rows, columns: ['customer_id'], delimiter: ',' };
  return { counters: { ...zeroCounters(), rowsRead: rows, rowsApplied: rows }, checkpoint };
}

describe('Slots', () => {
  it('lets at most `limit` holders in, and the next waiter in on each release', async () => {
    const slots = new Slots(2);
    const order: number[] = [];
    await slots.acquire();
    await slots.acquire();
    const third = slots.acquire().then(() => order.push(3));
    const fourth = slots.acquire().then(() => order.push(4));
    await tick();
    expect(order).toEqual([]);
    slots.release();
    await third;
    expect(order).toEqual([3]);
    slots.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });
});

describe('CustomerChain', () => {
  it('runs the work of one customer in order, even when an earlier one fails, and other customers at once', async () => {
    const chain = new CustomerChain();
    const first = deferred<void>();
    const log: string[] = [];
    const a1 = chain.then('a', async () => {
      log.push('a1 start');
      await first.promise;
      throw new Error('a1 failed');
    });
    const a2 = chain.then('a', () => {
      log.push('a2 start');
      return Promise.resolve();
    });
    const b1 = chain.then('b', () => {
      log.push('b1 start');
      return Promise.resolve();
    });
    await b1;
    expect(log).toEqual(['a1 start', 'b1 start']);
    first.resolve();
    await expect(a1).rejects.toThrow('a1 failed');
    await a2;
    expect(log).toEqual(['a1 start', 'b1 start', 'a2 start']);
    await tick();
    // Only customers in flight are remembered.
    expect(chain.size).toBe(0);
  });
});

describe('OrderedCommitter', () => {
  it('commits in file order, folding settled batches into one checkpoint, while later batches still run', async () => {
    const commits: { counters: ImportCounters; checkpoint: ImportCheckpoint }[] = [];
    const committer = new OrderedCommitter(async (counters, checkpoint) => {
      commits.push({ counters, checkpoint });
    }, 10);
    const [b1, b2, b3, b4] = [deferred<BatchResult>(), deferred<BatchResult>(), deferred<BatchResult>(), deferred<BatchResult>()];
    for (const b of [b1, b2, b3, b4]) await committer.add(b.promise);
    // Later batches finish first: nothing may be committed past the unfinished first one.
    b3.resolve(batch(3, 300));
    b2.resolve(batch(2, 200));
    await tick();
    expect(commits).toEqual([]);
    b1.resolve(batch(1, 100));
    await tick();
    expect(commits).toHaveLength(1);
    expect(commits[0]!.checkpoint.byteOffset).toBe(300);
    expect(commits[0]!.counters).toMatchObject({ rowsRead: 6, rowsApplied: 6 });
    b4.resolve(batch(4, 400));
    await committer.close();
    expect(commits.map((c) => c.checkpoint.byteOffset)).toEqual([300, 400]);
  });

  it('stops at a failed batch: the batches before it are committed, none after, and close throws it', async () => {
    const offsets: number[] = [];
    const committer = new OrderedCommitter(async (_counters, checkpoint) => {
      offsets.push(checkpoint.byteOffset);
    }, 10);
    const [b1, b2, b3] = [deferred<BatchResult>(), deferred<BatchResult>(), deferred<BatchResult>()];
    for (const b of [b1, b2, b3]) await committer.add(b.promise);
    b3.resolve(batch(1, 300));
    b2.reject(new Error('write failed'));
    b1.resolve(batch(1, 100));
    await expect(committer.close()).rejects.toThrow('write failed');
    expect(offsets).toEqual([100]);
    expect(committer.failed).toBe(true);
    await expect(committer.add(Promise.resolve(batch(1, 400)))).rejects.toThrow('write failed');
  });

  it('makes add wait while too many batches are uncommitted (backpressure on the reader)', async () => {
    const committer = new OrderedCommitter(() => Promise.resolve(), 2);
    const [b1, b2, b3] = [deferred<BatchResult>(), deferred<BatchResult>(), deferred<BatchResult>()];
    await committer.add(b1.promise);
    await committer.add(b2.promise);
    let added = false;
    const third = committer.add(b3.promise).then(() => (added = true));
    await tick();
    expect(added).toBe(false);
    b1.resolve(batch(1, 100));
    await third;
    expect(added).toBe(true);
    b2.resolve(batch(1, 200));
    b3.resolve(batch(1, 300));
    await committer.close();
  });
});
