/**
 * `stockroom sns tail [--topic <name|arn>] [--once] [--json] [--state-dir <dir>]`: the messages
 * the local SNS endpoint stored (`<state dir>/sns/messages.jsonl`, written by a persistent
 * `npm start`), oldest first, then each new one as it is published, until Ctrl-C. `--once` prints
 * what is stored and exits; `--topic` keeps one topic's messages (by name or ARN); `--json`
 * prints each stored message as its JSON line. It reads the file, so it works whether Stockroom
 * is running or not.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STATE_DIR } from '../services/state-dir.js';
import type { StoredSnsMessage } from '../services/sns/message-store.js';
import { parseFlags, UsageError } from './args.js';

export const snsMessagesFile = (stateDir: string): string => join(stateDir, 'sns', 'messages.jsonl');

export interface SnsTailOptions {
  readonly stateDir: string;
  readonly topic?: string;
  readonly once?: boolean;
  readonly json?: boolean;
  readonly write: (line: string) => void;
  /** Stops following (Ctrl-C); without it a follow runs until the process ends. */
  readonly signal?: AbortSignal;
  /** How often the file is checked for new lines while following (default 250 ms). */
  readonly intervalMs?: number;
}

const topicName = (arnOrName: string): string => arnOrName.split(':').pop() as string;

/** One readable line: time, topic, message id, attributes, subject and message. */
export function formatMessage(m: StoredSnsMessage): string {
  const attributes = Object.entries(m.messageAttributes)
    .map(([name, a]) => `${name}=${a.StringValue ?? a.BinaryValue ?? ''}`)
    .join(' ');
  return [m.timestamp, topicName(m.topicArn), m.messageId, attributes ? `[${attributes}]` : '', m.subject ? `${m.subject}:` : '', m.message]
    .filter((part) => part !== '')
    .join('  ');
}

/** Reads the complete lines written after `offset`; answers them and the offset after the last. */
function readNewLines(file: string, offset: number): { lines: string[]; offset: number } {
  if (!existsSync(file)) return { lines: [], offset: 0 };
  const size = statSync(file).size;
  if (size < offset) offset = 0; // the file was reset (npm start --reset): start over
  if (size === offset) return { lines: [], offset };
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8');
  const end = text.lastIndexOf('\n');
  // A line still being appended waits for its newline.
  if (end < 0) return { lines: [], offset };
  return { lines: text.slice(0, end).split('\n'), offset: offset + Buffer.byteLength(text.slice(0, end + 1), 'utf8') };
}

export async function snsTail(options: SnsTailOptions): Promise<void> {
  const file = snsMessagesFile(options.stateDir);
  const wanted = options.topic;
  let offset = 0;
  const flush = (): void => {
    const read = readNewLines(file, offset);
    offset = read.offset;
    for (const line of read.lines) {
      if (line.trim() === '') continue;
      let message: StoredSnsMessage;
      try {
        message = JSON.parse(line) as StoredSnsMessage;
      } catch {
        continue; // not a message line: skip it rather than stop following
      }
      if (wanted !== undefined && message.topicArn !== wanted && topicName(message.topicArn) !== wanted) continue;
      options.write(options.json ? line : formatMessage(message));
    }
  };
  flush();
  if (options.once) return;
  await new Promise<void>((resolve) => {
    const timer = setInterval(flush, options.intervalMs ?? 250);
    const stop = (): void => {
      clearInterval(timer);
      flush();
      resolve();
    };
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Runs the verb, writing each message line with `write`. */
export async function snsCommand(argv: readonly string[], write: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'tail') throw new UsageError(sub === undefined ? 'missing subcommand (tail)' : `unknown subcommand "${sub}"`);
  const flags = parseFlags(rest, { topic: 'string', once: 'boolean', json: 'boolean', 'state-dir': 'string' });
  await snsTail({
    stateDir: flags['state-dir'] ?? DEFAULT_STATE_DIR,
    topic: flags.topic,
    once: flags.once,
    json: flags.json,
    write,
    signal,
  });
}
