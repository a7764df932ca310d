/**
 * The local bus's dead-letter queue: events a rule target still failed after its retries (on AWS,
 * the rule target's SQS dead-letter queue). Kept in memory and, with `dir`, one JSON file per
 * letter under `<state dir>/eventbridge-dlq/`, so `stockroom dlq list|show|redrive` can read them
 * after the fact and a restart keeps them.
 *
 *   const store = createDeadLetterStore({ dir: '.stockroom/eventbridge-dlq' });
 *   await store.add({ rule, eventBusName, attempts, error, event });
 *   store.list(); store.show(id); await store.remove(id);
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBridgeEvent } from './event-shape.js';

export interface DeadLetter {
  readonly id: string;
  /** ISO time the letter was parked. */
  readonly at: string;
  readonly rule: string;
  readonly eventBusName: string;
  /** Deliveries tried (the first one plus retries). */
  readonly attempts: number;
  /** The last error message (EventBridge's `ERROR_MESSAGE` attribute on the DLQ message). */
  readonly error: string;
  readonly event: EventBridgeEvent;
}

export interface DeadLetterStore {
  add(letter: Omit<DeadLetter, 'id' | 'at'>): DeadLetter;
  /** Oldest first; optionally of one rule. */
  list(rule?: string): readonly DeadLetter[];
  show(id: string): DeadLetter | undefined;
  remove(id: string): boolean;
  readonly dir: string | undefined;
}

const isLetterFile = (name: string): boolean => name.endsWith('.json');

function readLetters(dir: string): DeadLetter[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isLetterFile)
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as DeadLetter)
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function createDeadLetterStore(options: { dir?: string } = {}): DeadLetterStore {
  const { dir } = options;
  // Letters parked by an earlier run are loaded, so a redrive after a restart finds them.
  const letters = new Map<string, DeadLetter>(dir ? readLetters(dir).map((l) => [l.id, l]) : []);
  let sequence = 0;
  const fileOf = (id: string): string => join(dir as string, `${id}.json`);
  return {
    dir,
    add(partial) {
      // A sortable id (time, then a counter), so listings come in parking order.
      const at = new Date().toISOString();
      sequence += 1;
      const letter: DeadLetter = {
        id: `${at.replace(/[-:.TZ]/g, '')}-${String(sequence).padStart(6, '0')}-${randomUUID().slice(0, 8)}`,
        at,
        ...partial,
      };
      letters.set(letter.id, letter);
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const tmp = `${fileOf(letter.id)}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(letter, null, 2)}\n`);
        renameSync(tmp, fileOf(letter.id)); // a reader never sees half a letter
      }
      return letter;
    },
    list(rule) {
      const all = [...letters.values()].sort((a, b) => a.id.localeCompare(b.id));
      return rule === undefined ? all : all.filter((l) => l.rule === rule);
    },
    show(id) {
      return letters.get(id);
    },
    remove(id) {
      const existed = letters.delete(id);
      if (dir) rmSync(fileOf(id), { force: true });
      return existed;
    },
  };
}

/** Reads the letters a (possibly stopped) local Stockroom parked under `dir`: for the CLI. */
export function readDeadLetters(dir: string): DeadLetter[] {
  return readLetters(dir);
}
