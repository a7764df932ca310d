/**
 * Where the local SNS endpoint keeps what was published: in memory for tests, and appended as
 * JSON lines to `<state dir>/sns/messages.jsonl` (with `file`) for a developer or the admin app.
 * Listeners see each message as it arrives (for a `tail` verb).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MessageAttribute } from './publish.js';

export interface StoredSnsMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subject?: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  /** ISO time of publication. */
  readonly timestamp: string;
}

export interface SnsMessageStore {
  add(message: StoredSnsMessage): void;
  /** Oldest first; optionally of one topic (by ARN or name). */
  messages(topic?: string): readonly StoredSnsMessage[];
  onMessage(listener: (message: StoredSnsMessage) => void): () => void;
  readonly file: string | undefined;
}

const topicName = (arnOrName: string): string => arnOrName.split(':').pop() as string;

export function createSnsMessageStore(options: { file?: string } = {}): SnsMessageStore {
  const all: StoredSnsMessage[] = [];
  const listeners = new Set<(m: StoredSnsMessage) => void>();
  let dirReady = false;
  return {
    file: options.file,
    add(message) {
      all.push(message);
      if (options.file) {
        if (!dirReady) mkdirSync(dirname(options.file), { recursive: true });
        dirReady = true;
        // Synchronous, so the line is on disk before Publish answers.
        appendFileSync(options.file, `${JSON.stringify(message)}\n`, 'utf8');
      }
      for (const listener of listeners) listener(message);
    },
    messages(topic) {
      return topic === undefined ? [...all] : all.filter((m) => m.topicArn === topic || topicName(m.topicArn) === topic);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
