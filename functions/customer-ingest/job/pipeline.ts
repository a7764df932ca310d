/**
 * The job's write pipeline: keeps a bounded number of requests in flight across batches (no
 * per-batch barrier waiting for the slowest write), and commits batches strictly in file order.
 *
 * - `Slots`: at most `limit` requests in flight; `acquire` waits for a free one, which is how the
 *   CSV stream is paused (backpressure): memory is bounded by the slots, never by the file.
 * - `CustomerChain`: rows of one customer run in file order, even across batches (the next write
 *   of a customer starts when its previous one settled). Holds only the customers in flight.
 * - `OrderedCommitter`: batches settle in any order; a single committer takes them in file order
 *   and folds every settled batch at the head into ONE checkpoint write (counters added, byte
 *   offset moved), while later batches keep writing. Checkpoints therefore never serialise the
 *   stream, and a checkpoint only ever covers batches whose every write has settled.
 */
import type { ImportCheckpoint, ImportCounters } from '../../../model/customers/records.js';

export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    this.free = limit;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

export class CustomerChain {
  private readonly last = new Map<string, Promise<unknown>>();

  /** Runs `work` after the previous work of `id` settled (success or not). */
  then<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(id);
    const run = before ? before.then(work, work) : work();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.last.set(id, settled);
    // Forget the customer once nothing of it is in flight: the map holds in-flight customers only.
    void settled.then(() => {
      if (this.last.get(id) === settled) this.last.delete(id);
    });
    return run;
  }

  get size(): number {
    return this.last.size;
  }
}

export interface BatchResult {
  readonly counters: ImportCounters;
  readonly checkpoint: ImportCheckpoint;
}

interface Pending {
  readonly result: Promise<BatchResult>;
  settled?: BatchResult;
}

export function addCounters(a: ImportCounters, b: ImportCounters): ImportCounters {
  return {
    rowsRead: a.rowsRead + b.rowsRead,
    rowsApplied: a.rowsApplied + b.rowsApplied,
    rowsSkippedOlder: a.rowsSkippedOlder + b.rowsSkippedOlder,
    rowsInvalid: a.rowsInvalid + b.rowsInvalid,
    rowsWouldCreate: a.rowsWouldCreate + b.rowsWouldCreate,
    rowsWouldUpdate: a.rowsWouldUpdate + b.rowsWouldUpdate,
  };
}

export function zeroCounters(): ImportCounters {
  return { rowsRead: 0, rowsApplied: 0, rowsSkippedOlder: 0, rowsInvalid: 0, rowsWouldCreate: 0, rowsWouldUpdate: 0 };
}

export class OrderedCommitter {
  private readonly queue: Pending[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private readonly loop: Promise<void>;

  /** `commit` writes one checkpoint covering the folded batches; `maxPending` bounds the batches not yet committed. */
  constructor(
    private readonly commit: (counters: ImportCounters, checkpoint: ImportCheckpoint) => Promise<void>,
    private readonly maxPending: number,
  ) {
    this.loop = this.run();
    // Observed through `add` and `close`; never an unhandled rejection.
    this.loop.catch(() => undefined);
  }

  /** The first failure (a write, or a checkpoint): the run must stop. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Queues a batch (in file order); waits while too many batches are uncommitted. */
  async add(result: Promise<BatchResult>): Promise<void> {
    const pending: Pending = { result };
    result.then(
      (r) => (pending.settled = r),
      (error: unknown) => (this.failure ??= { error }),
    );
    // Queued even after a failure, so `close` waits for its writes too.
    this.queue.push(pending);
    this.wake?.();
    this.throwIfFailed();
    while (this.queue.length > this.maxPending && !this.failure) await this.queue[0]!.result.catch(() => undefined);
    this.throwIfFailed();
  }

  /** Commits everything queued and stops; throws the first failure (after in-flight work settled). */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.loop.catch(() => undefined);
    if (this.failure) {
      await Promise.allSettled(this.queue.map((p) => p.result));
      throw this.failure.error;
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      let counters = zeroCounters();
      let checkpoint: ImportCheckpoint;
      try {
        ({ checkpoint } = await this.queue[0]!.result);
      } catch {
        return;
      }
      // Fold the head and every already-settled batch behind it into one checkpoint.
      do {
        const head = this.queue.shift()!;
        const settled = head.settled ?? (await head.result);
        counters = addCounters(counters, settled.counters);
        checkpoint = settled.checkpoint;
      } while (this.queue[0]?.settled);
      try {
        await this.commit(counters, checkpoint);
      } catch (error) {
        this.failure ??= { error };
        return;
      }
    }
  }
}
