/**
 * `stockroom dlq list|show <id>|redrive [<id>]`: the local event bus's dead-letter queue.
 * `list` and `show` read the parked letters from `<state dir>/eventbridge-dlq/` (they work while
 * Stockroom is stopped); `redrive` asks the running local EventBridge endpoint to deliver them
 * again (its targets live in that process), found by `--endpoint` or `endpoints.events` in
 * `<state dir>/local.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STATE_DIR } from '../services/state-dir.js';
import { readDeadLetters, type DeadLetter } from '../services/eventbridge/dead-letters.js';
import { parseFlags, UsageError } from './args.js';

export const deadLetterDir = (stateDir: string): string => join(stateDir, 'eventbridge-dlq');

function summary(letter: DeadLetter): string {
  return `${letter.id}  ${letter.at}  rule=${letter.rule}  ${letter.event['detail-type']}  attempts=${letter.attempts}  ${letter.error}`;
}

function eventsEndpoint(stateDir: string, flag: string | undefined): string {
  if (flag) return flag;
  const path = join(stateDir, 'local.json');
  const facts = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { endpoints?: { events?: string } }) : {};
  if (!facts.endpoints?.events) throw new UsageError('no running local EventBridge endpoint found (start Stockroom, or pass --endpoint)');
  return facts.endpoints.events;
}

/** Runs the verb; returns what to print. */
export async function dlqCommand(argv: readonly string[]): Promise<string> {
  const [sub, maybeId, ...rest] = argv;
  const id = maybeId !== undefined && !maybeId.startsWith('--') ? maybeId : undefined;
  const flagArgs = id === undefined && maybeId !== undefined ? [maybeId, ...rest] : rest;
  const flags = parseFlags(flagArgs, { 'state-dir': 'string', endpoint: 'string' });
  const stateDir = flags['state-dir'] ?? DEFAULT_STATE_DIR;
  const letters = readDeadLetters(deadLetterDir(stateDir));
  switch (sub) {
    case 'list':
      if (id !== undefined) throw new UsageError('list takes no id');
      return letters.length === 0 ? 'The dead-letter queue is empty.' : letters.map(summary).join('\n');
    case 'show': {
      if (id === undefined) throw new UsageError('show needs the id of a letter (see "stockroom dlq list")');
      const letter = letters.find((l) => l.id === id);
      if (!letter) throw new Error(`no dead letter ${id}`);
      return JSON.stringify(letter, null, 2);
    }
    case 'redrive': {
      const response = await fetch(`${eventsEndpoint(stateDir, flags.endpoint)}/_stockroom/dlq/redrive`, {
        method: 'POST',
        body: JSON.stringify(id === undefined ? {} : { id }),
      });
      if (!response.ok) throw new Error(`redrive failed: ${response.status} ${await response.text()}`);
      const result = (await response.json()) as { redriven: string[]; failed: { id: string; error: string }[] };
      return [`redriven: ${result.redriven.length}`, ...result.failed.map((f) => `still failing: ${f.id}  ${f.error}`)].join('\n');
    }
    default:
      throw new UsageError(sub === undefined ? 'missing subcommand (list, show or redrive)' : `unknown subcommand "${sub}"`);
  }
}
