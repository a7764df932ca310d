/** A dry run's memory of the ids it has seen: the newest updated_at of each, bounded, least recent forgotten first. */
import { describe, expect, it } from 'vitest';
import { DryRunMemory } from '../../../../functions/customer-ingest/job/dry-run-memory.js';

describe('DryRunMemory', () => {
  it('keeps the newest updated_at of an id, whatever order its rows come in', () => {
    const memory = new DryRunMemory();
    expect(memory.earlier('cus_1')).toBeUndefined();
    memory.note('cus_1', '2024-01-02T00:00:00.000Z');
    memory.note('cus_1', '2024-01-01T00:00:00.000Z');
    expect(memory.earlier('cus_1')).toBe('2024-01-02T00:00:00.000Z');
    memory.note('cus_1', '2024-01-03T00:00:00.000Z');
    expect(memory.earlier('cus_1')).toBe('2024-01-03T00:00:00.000Z');
  });

  it('holds at most `capacity` ids, forgetting the least recently seen', () => {
    const memory = new DryRunMemory(3);
    for (const id of ['a', 'b', 'c']) memory.note(id, '2024-01-01T00:00:00.000Z');
    // Seen again: `a` becomes the most recent, so `b` is the one to go.
    memory.note('a', '2024-01-01T00:00:00.000Z');
    memory.note('d', '2024-01-01T00:00:00.000Z');
    expect(memory.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((id) => memory.earlier(id) !== undefined)).toEqual([true, false, true, true]);
  });
});
