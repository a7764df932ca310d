/**
 * One import job as it runs: a progress bar with its counters, live (job-watch.ts), then the
 * outcome: final counts, the error report, or why the file was refused, in words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { UPLOAD_GRACE_SECONDS } from '../../../../model/customers/upload-expiry.js';
import { useSession } from '../../api/session.js';
import { ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';
import { JobCounts } from './job-counts.js';
import { isFinished, neverGotFile, statusInWords, uploadLinkExpired, type ImportJob } from './job-state.js';
import { watchImport, type ImportWatch } from './job-watch.js';
import { ReportDownload } from './report-download.js';

/** A job opened later (a link, the history): it may never get its file, and says until when it waits. */
function waitingInWords(job: ImportJob): string {
  if (!job.uploadExpiresAt) return 'Waiting for the file.';
  const at = formatTime(job.uploadExpiresAt);
  const grace = `${UPLOAD_GRACE_SECONDS / 60} minutes`;
  return uploadLinkExpired(job)
    ? `Waiting for the file: its upload link expired at ${at}. Unless an upload started before then arrives, this job is marked failed ${grace} after that.`
    : `Waiting for the file: its upload link works until ${at}. A job whose file has not come ${grace} after that is marked failed.`;
}

function ProgressBar({ job, estimatedRows }: { job: ImportJob; estimatedRows: number | undefined }) {
  // A refused file stops before its rows: a full bar would say the opposite.
  if (job.status === 'FAILED') return <p data-testid="progress-text">Stopped after {job.rowsRead.toLocaleString()} rows read.</p>;
  const finished = isFinished(job);
  const total = job.rowsTotal ?? (estimatedRows && estimatedRows > 0 ? Math.max(estimatedRows, job.rowsRead) : undefined);
  const label =
    job.status === 'PENDING'
      ? // Only the tab that has just uploaded the file knows its row estimate.
        estimatedRows !== undefined
        ? 'The file is uploaded; the import starts in a moment.'
        : waitingInWords(job)
      : `${job.rowsRead.toLocaleString()} ${total === undefined ? '' : `of ${job.rowsTotal === null ? 'about ' : ''}${total.toLocaleString()} `}rows read`;
  return (
    <div class="import-progress">
      {finished ? (
        <progress aria-label="Rows read" max={1} value={1} />
      ) : total === undefined || job.status === 'PENDING' ? (
        // No total yet: an indeterminate bar rather than a made-up percentage.
        <progress aria-label="Rows read" />
      ) : (
        <progress aria-label="Rows read" max={total} value={job.rowsRead} />
      )}
      <span data-testid="progress-text">{label}</span>
    </div>
  );
}

function rowsWere(n: number): string {
  return n === 1 ? '1 row was' : `${n.toLocaleString()} rows were`;
}

function Outcome({ job }: { job: ImportJob }) {
  if (job.status === 'FAILED') {
    return (
      <div class="error" role="alert" data-testid="failure">
        <strong>
          {job.rowsApplied > 0 ? 'The import stopped' : 'The file was not imported'}: {job.failureReason ?? 'no reason was recorded'}.
        </strong>
        <div class="muted">
          {job.rowsApplied > 0
            ? // A file broken part-way (say, a quote never closed): the rows before the break were written.
              `${job.rowsApplied.toLocaleString()} customers before that point were created or updated. Fix the file and upload it again: rows already imported are skipped, newest wins.`
            : neverGotFile(job)
              ? 'Nothing was written. Start a new import to upload the file.'
              : 'Nothing was written. Fix the file and upload it again.'}
        </div>
      </div>
    );
  }
  if (job.status !== 'COMPLETED') return null;
  const written = job.dryRun
    ? `Dry run: nothing was written. Importing this file would create ${job.rowsWouldCreate.toLocaleString()} and update ${job.rowsWouldUpdate.toLocaleString()} customers.`
    : `${job.rowsApplied.toLocaleString()} customers created or updated.`;
  return (
    <div class="notice" data-testid="outcome">
      <p>
        {written} {job.rowsSkippedOlder > 0 && `${rowsWere(job.rowsSkippedOlder)} not newer than the stored customer and skipped. `}
        {job.rowsInvalid > 0 ? `${rowsWere(job.rowsInvalid)} invalid.` : 'No row was invalid.'}
      </p>
      {job.rowsInvalid > 0 && <ReportDownload importId={job.id} invalidRows={job.rowsInvalid} />}
    </div>
  );
}

export function JobPanel({
  importId,
  estimatedRows,
  onJob,
}: {
  importId: string;
  estimatedRows?: number;
  /** Every newer snapshot (the history keeps its row current). */
  onJob?: (job: ImportJob) => void;
}) {
  const session = useSession();
  const [job, setJob] = useState<ImportJob | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const watch = useRef<ImportWatch | null>(null);
  const onJobRef = useRef(onJob);
  onJobRef.current = onJob;

  useEffect(() => {
    setJob(undefined);
    setError(null);
    const w = watchImport(
      session,
      importId,
      (next) => {
        setError(null);
        setJob(next);
        onJobRef.current?.(next);
      },
      setError,
    );
    watch.current = w;
    return () => w.stop();
  }, [session, importId]);

  return (
    <section class="card import-job" aria-labelledby="import-job-title" data-import={importId} data-status={job?.status}>
      <h2 id="import-job-title">
        {job ? job.fileName : 'Import'} {job?.dryRun && <span class="badge">dry run</span>}
      </h2>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {!job && error === null && <Loading what="the import" />}
      {job && (
        <>
          <p class="muted">
            <span role="status" aria-live="polite" data-testid="job-status">
              {statusInWords(job)}
            </span>{' '}
            · job <code>{job.id}</code> · started {formatTime(job.startedAt ?? job.createdAt)}
            {job.finishedAt && ` · finished ${formatTime(job.finishedAt)}`}
          </p>
          <ProgressBar job={job} estimatedRows={estimatedRows} />
          <JobCounts job={job} />
          <Outcome job={job} />
          {!isFinished(job) && (
            <button type="button" class="secondary" onClick={() => void watch.current?.refresh()}>
              Refresh now
            </button>
          )}
        </>
      )}
    </section>
  );
}
