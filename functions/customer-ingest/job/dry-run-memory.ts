/**
 * What a dry run remembers of the rows it has classified: each customer id's newest `updated_at`
 * seen so far in this file, so a customer repeated in a later batch is classified as the writes
 * would find it (updated or skipped, never created twice). Bounded: past `capacity` ids the least
 * recently seen is forgotten (memory must not grow with the file), and a repeat of a forgotten id
 * is classified against the stored table alone (docs/customers.md § Dry run).
 */
export const DRY_RUN_MEMORY_IDS = 100_000;

/**
 * The id as a string of its own. The reader cuts fields out of their record's text, and V8 keeps a
 * cut of 13 characters or more as a view of the whole text: kept for 100,000 ids, those views
 * would hold 100,000 records. Joining makes a new string, and the cut of it holds only that.
 */
function ownCopy(id: string): string {
  return ` ${id}`.slice(1);
}

export class DryRunMemory {
  /** Epoch milliseconds, not the ISO strings: half the memory (8.5 MB for 100,000 ids, measured). */
  private readonly newest = new Map<string, number>();

  constructor(private readonly capacity = DRY_RUN_MEMORY_IDS) {}

  /** The newest `updated_at` of `id` among the rows noted so far (undefined: not seen, or forgotten). */
  earlier(id: string): string | undefined {
    const ms = this.newest.get(id);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  }

  /** Notes a valid row (`updatedAt` in `toISOString` form); the id becomes the most recently seen. */
  note(id: string, updatedAt: string): void {
    const ms = Date.parse(updatedAt);
    const before = this.newest.get(id);
    // Delete and set again: a Map iterates in insertion order, so its first key is the least recent.
    if (before !== undefined) this.newest.delete(id);
    this.newest.set(before !== undefined ? id : ownCopy(id), before !== undefined && before > ms ? before : ms);
    if (this.newest.size > this.capacity) this.newest.delete(this.newest.keys().next().value!);
  }

  get size(): number {
    return this.newest.size;
  }
}
