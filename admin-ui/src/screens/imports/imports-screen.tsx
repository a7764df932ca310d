/**
 * Imports (`#/imports`, `#/imports/<id>`): upload a customer CSV (or a dry run), follow the open
 * job live, and the history of jobs. Starting an import opens its job (the route), so a reload
 * or a shared link shows the same job.
 */
import { useState } from 'preact/hooks';
import { href } from '../../ui/router.js';
import { ImportHistory } from './import-history.js';
import { JobPanel } from './job-panel.js';
import type { ImportJob } from './job-state.js';
import { UploadForm } from './upload-form.js';
import './imports.css';

/** Row estimates of files uploaded from this tab, by job (a job read later has only its counters). */
const estimates = new Map<string, number>();

export function ImportsScreen({ selectedId }: { selectedId: string | null }) {
  const [live, setLive] = useState<ImportJob | null>(null);
  return (
    <section aria-labelledby="imports-title">
      <h1 id="imports-title">Customer imports</h1>
      <UploadForm
        onStarted={({ importId, estimatedRows }) => {
          estimates.set(importId, estimatedRows);
          location.hash = href({ name: 'import', id: importId });
        }}
      />
      {selectedId && <JobPanel key={selectedId} importId={selectedId} estimatedRows={estimates.get(selectedId)} onJob={setLive} />}
      <ImportHistory live={live} selectedId={selectedId} />
    </section>
  );
}
