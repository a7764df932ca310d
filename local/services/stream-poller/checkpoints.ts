/** Where each mapping stopped reading, per shard, so a restart resumes after the last record. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Last processed sequence number per `function|streamArn|shardId`, saved as one JSON file. */
export class Checkpoints {
  private readonly data: Record<string, string> = {};
  constructor(private readonly file: string | undefined) {
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && /^\d+$/.test(v)) this.data[k] = v;
      }
    } catch {
      // No checkpoint yet (first start) or unreadable: start from the configured position.
    }
  }
  get(key: string): string | undefined {
    return this.data[key];
  }
  set(key: string, sequenceNumber: string): void {
    if (!this.file) return;
    this.data[key] = sequenceNumber;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 1));
    renameSync(tmp, this.file);
  }
}
