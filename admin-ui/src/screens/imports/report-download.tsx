/**
 * The error report as a download. Its link is presigned when read and lives 5 minutes, so it is
 * asked for at the click, not when the job was loaded. The signer serves it with
 * `Content-Disposition: attachment`: following the link saves the file (the `download` attribute
 * does nothing for another origin's URL) and the screen stays.
 */
import { useState } from 'preact/hooks';
import { CustomerImportReportDocument } from '../../../generated/graphql.js';
import { ApiError } from '../../api/errors.js';
import { useSession } from '../../api/session.js';
import { ErrorNotice } from '../../ui/feedback.js';

export function ReportDownload({ importId, invalidRows }: { importId: string; invalidRows: number }) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const { customerImport } = await api.request(CustomerImportReportDocument, { id: importId });
      const url = customerImport?.errorReportUrl;
      if (!url) throw new ApiError('NotFound', 'this job has no error report (yet)');
      const link = document.createElement('a');
      link.href = url;
      link.download = `${importId}-errors.csv`;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="report">
      <button type="button" class="secondary" disabled={busy} onClick={() => void download()}>
        Download error report ({invalidRows.toLocaleString()} {invalidRows === 1 ? 'row' : 'rows'}, CSV)
      </button>
      <span class="muted"> Row number, column, reason and the original line of each problem.</span>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
