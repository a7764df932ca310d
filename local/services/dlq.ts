/**
 * Local stand-in for the SQS dead-letter queues infra gives every asynchronous and stream-fed
 * function (`stockroom-<stage>-<function>-dlq`). Append-only: entries are kept in memory and,
 * when `dir` is given, appended as JSON lines to `<dir>/<queue>.jsonl` so a developer can
 * inspect what failed after the fact (`cat .stockroom/dlq/*.jsonl`).
 *
 *   const dlq = createLocalDlq({ dir: '.stockroom/dlq' });
 *   await dlq.send('stockroom-dev-stream-processor-dlq', { source: 'stream', ... });
 *   dlq.list('stockroom-dev-stream-processor-dlq');
 *
 * Unlike AWS (whose stream on-failure destination holds only batch metadata), a local entry also
 * holds the failed record or event itself: locally there is nobody to fetch it from the shard.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface DlqEntry {
  readonly queue: string;
  /** ISO time the entry was written. */
  readonly at: string;
  /** Where it failed: `stream` (poller), `schedule`, or any other caller label. */
  readonly source: string;
  readonly functionName: string;
  readonly attempts: number;
  /** Last error message. */
  readonly error: string;
  /** The failed stream record / event. */
  readonly payload: unknown;
  /** Extra context, e.g. `{ shardId, sequenceNumber, eventSourceARN }`. */
  readonly meta?: Record<string, unknown>;
}

export interface LocalDlq {
  send(queue: string, entry: Omit<DlqEntry, 'queue' | 'at'>): Promise<DlqEntry>;
  /** Entries of one queue (or of all), oldest first. */
  list(queue?: string): readonly DlqEntry[];
  readonly dir: string | undefined;
}

export function createLocalDlq(options: { dir?: string } = {}): LocalDlq {
  const entries: DlqEntry[] = [];
  let dirReady: Promise<unknown> | undefined;
  return {
    dir: options.dir,
    async send(queue, partial) {
      const entry: DlqEntry = { queue, at: new Date().toISOString(), ...partial };
      entries.push(entry);
      if (options.dir) {
        const dir = options.dir;
        dirReady ??= mkdir(dir, { recursive: true });
        await dirReady;
        const safe = queue.replace(/[^A-Za-z0-9._-]/g, '_');
        await appendFile(
          join(dir, `${safe}.jsonl`),
          `${JSON.stringify(entry, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))}\n`,
          'utf8',
        );
      }
      return entry;
    },
    list(queue) {
      return queue === undefined ? [...entries] : entries.filter((e) => e.queue === queue);
    },
  };
}

/** The DLQ name infra gives a function (`infra/constructs/wired-function.ts`). */
export function dlqName(stage: string, functionName: string, service = 'stockroom'): string {
  return `${service}-${stage}-${functionName}-dlq`;
}
