/** A job's counters as a definition list: what was written, or (dry run) what would be. */
import type { ImportJob } from './job-state.js';

export function JobCounts({ job }: { job: ImportJob }) {
  const counts: [label: string, value: number, key: string][] = job.dryRun
    ? [
        ['Rows read', job.rowsRead, 'read'],
        ['Would create', job.rowsWouldCreate, 'would-create'],
        ['Would update', job.rowsWouldUpdate, 'would-update'],
        ['Skipped (not newer)', job.rowsSkippedOlder, 'skipped'],
        ['Invalid', job.rowsInvalid, 'invalid'],
      ]
    : [
        ['Rows read', job.rowsRead, 'read'],
        ['Applied', job.rowsApplied, 'applied'],
        ['Skipped (not newer)', job.rowsSkippedOlder, 'skipped'],
        ['Invalid', job.rowsInvalid, 'invalid'],
      ];
  return (
    <dl class="numbers import-counts">
      {counts.map(([label, value, key]) => (
        <div key={key} data-count={key}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
