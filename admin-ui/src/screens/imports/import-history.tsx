/**
 * Import jobs, newest first (`customerImports`), 20 a page with "Load more". The job open above
 * keeps its row current (the screen passes its newest snapshot in `live`).
 */
import { CustomerImportsDocument } from '../../../generated/graphql.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';
import { LoadMore, usePagedList } from '../../ui/paged-list.js';
import { href } from '../../ui/router.js';
import { newerJob, statusInWords, uploadLinkExpired, type ImportJob } from './job-state.js';

const PAGE = 20;

function withLive(items: ImportJob[], live: ImportJob | null): ImportJob[] {
  if (!live) return items;
  if (!items.some((j) => j.id === live.id)) return [live, ...items];
  return items.map((j) => (j.id === live.id ? newerJob(j, live) : j));
}

export function ImportHistory({ live, selectedId }: { live: ImportJob | null; selectedId: string | null }) {
  const { api } = useSession();
  const list = usePagedList(
    async (nextToken) => {
      const { customerImports } = await api.request(CustomerImportsDocument, { limit: PAGE, nextToken });
      return { items: customerImports.items, nextToken: customerImports.nextToken ?? null };
    },
    [api],
    // A job started while paging moves the later pages by one: it is listed once.
    (job) => job.id,
  );
  const { items, error, loading } = list;

  const shown = items && withLive(items, live);
  return (
    <section aria-labelledby="import-history-title">
      <div class="section-head">
        <h2 id="import-history-title">History</h2>
        <button type="button" class="secondary" disabled={loading} onClick={list.refresh}>
          Refresh
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} onDismiss={() => list.setError(null)} />}
      {shown === undefined && <Loading what="import jobs" />}
      {shown !== undefined && shown.length === 0 && <Empty>No imports yet. Upload a CSV file above to start one.</Empty>}
      {shown && shown.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Import jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col">Kind</th>
                <th scope="col" class="num">
                  Read
                </th>
                <th scope="col" class="num">
                  Applied
                </th>
                <th scope="col" class="num">
                  Skipped
                </th>
                <th scope="col" class="num">
                  Invalid
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((j) => (
                <tr key={j.id} data-import={j.id} class={j.id === selectedId ? 'selected' : undefined}>
                  <th scope="row">
                    <a href={href({ name: 'import', id: j.id })} aria-current={j.id === selectedId ? 'true' : undefined}>
                      {j.fileName}
                    </a>
                  </th>
                  <td data-col="status">
                    <span class={`import-status ${j.status}`}>{statusInWords(j)}</span>
                    {j.status === 'FAILED' && j.failureReason && <div class="muted reason">{j.failureReason}</div>}
                    {j.status === 'PENDING' && j.uploadExpiresAt && (
                      <div class="muted reason" data-testid="upload-expiry">
                        {uploadLinkExpired(j) ? 'link expired' : 'link expires'} {formatTime(j.uploadExpiresAt)}
                      </div>
                    )}
                  </td>
                  <td data-col="kind">{j.dryRun ? <span class="badge">dry run</span> : 'import'}</td>
                  <td class="num">{j.rowsRead.toLocaleString()}</td>
                  <td class="num" title={j.dryRun ? 'A dry run writes nothing' : undefined}>
                    {j.dryRun ? `none · ${(j.rowsWouldCreate + j.rowsWouldUpdate).toLocaleString()} would` : j.rowsApplied.toLocaleString()}
                  </td>
                  <td class="num">{j.rowsSkippedOlder.toLocaleString()}</td>
                  <td class="num">{j.rowsInvalid.toLocaleString()}</td>
                  <td>{formatTime(j.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="import jobs" />
    </section>
  );
}
