/**
 * One import job, live: the `onImportProgress` subscription, reconciled with a
 * `customerImport(id)` read when the subscription becomes active (the first time and after each
 * reconnect, so pushes missed while offline cost nothing) and whenever no news came for a while
 * (the ingest job's pushes are best effort: a lost one must not leave a stale bar).
 */
import { CustomerImportDocument, OnImportProgressDocument, type OnImportProgressSubscription } from '../../../generated/graphql.js';
import { ApiError } from '../../api/errors.js';
import type { Session } from '../../api/session.js';
import { isFinished, newerJob, type ImportJob } from './job-state.js';

/** A running job pushes every second or 1,000 rows: this long without news means read it. */
export const QUIET_MS = 5_000;

export interface ImportWatch {
  /** Reads the job now (the screen's "Refresh"). */
  refresh(): Promise<void>;
  stop(): void;
}

export function watchImport(
  session: Pick<Session, 'api' | 'realtime'>,
  importId: string,
  onJob: (job: ImportJob) => void,
  onError: (error: unknown) => void,
  quietMs = QUIET_MS,
): ImportWatch {
  let latest: ImportJob | undefined;
  let lastNewsAt = Date.now();
  let stopped = false;

  function take(job: ImportJob): void {
    if (stopped) return;
    lastNewsAt = Date.now();
    const kept = newerJob(latest, job);
    if (kept === latest) return;
    latest = kept;
    onJob(kept);
    if (isFinished(kept)) finish();
  }

  async function refresh(): Promise<void> {
    try {
      const { customerImport } = await session.api.request(CustomerImportDocument, { id: importId });
      if (!customerImport) throw new ApiError('NotFound', `no import job ${importId}`);
      take(customerImport);
    } catch (error) {
      if (!stopped) onError(error);
    }
  }

  const unsubscribe = session.realtime.subscribe(
    OnImportProgressDocument.toString(),
    { importId },
    {
      next(payload) {
        if (payload.errors?.length) {
          const first = payload.errors[0]!;
          return onError(new ApiError(first.errorType ?? 'Error', payload.errors.map((e) => e.message).join('; ')));
        }
        const job = (payload.data as OnImportProgressSubscription | null)?.onImportProgress;
        if (job) take(job);
      },
      error(errors) {
        onError(new ApiError(errors[0]?.errorType ?? 'Error', errors.map((e) => e.message).join('; ') || 'the live progress was refused'));
      },
      onReady: () => void refresh(),
    },
  );
  const quietCheck = setInterval(
    () => {
      if (Date.now() - lastNewsAt >= quietMs) void refresh();
    },
    Math.max(250, quietMs / 2),
  );

  function finish(): void {
    clearInterval(quietCheck);
    unsubscribe();
  }

  void refresh();
  return {
    refresh,
    stop() {
      stopped = true;
      finish();
    },
  };
}
