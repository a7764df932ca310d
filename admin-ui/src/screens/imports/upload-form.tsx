/**
 * Choosing a CSV file: dropped on the zone, or picked with the file input inside it (a real
 * input, so Tab and Enter/Space reach it), then started as an import or a dry run.
 */
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { ErrorNotice } from '../../ui/feedback.js';
import { startImport, type StartedImport } from './upload.js';

function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function UploadForm({ onStarted }: { onStarted: (started: StartedImport) => void }) {
  const { api } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A new input after each start: the browser keeps the old file in a used one.
  const [inputKey, setInputKey] = useState(0);
  const busy = sent !== null;

  function choose(files: FileList | null | undefined) {
    const first = files?.[0];
    if (!first) return;
    setFile(first);
    setError(null);
    setNote(files.length > 1 ? `One file at a time: only ${first.name} was taken.` : null);
  }

  async function start(event: Event) {
    event.preventDefault();
    if (!file || busy) return;
    setError(null);
    setSent({ sent: 0, total: file.size });
    try {
      const started = await startImport(api, file, dryRun, (s, total) => setSent({ sent: s, total }));
      setFile(null);
      setNote(null);
      setInputKey((k) => k + 1);
      onStarted(started);
    } catch (e) {
      setError(e);
    } finally {
      setSent(null);
    }
  }

  return (
    <form class="upload" aria-label="Import customers from a CSV file" onSubmit={(e) => void start(e)}>
      <div
        class={`dropzone${dragging ? ' dragging' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer?.files);
        }}
      >
        <label class="dropzone-title" for="import-file">
          Drop a CSV file here, or choose one
        </label>
        <span id="import-format" class="muted">
          Header row with <code>customer_id</code> and <code>email</code>; <code>first_name</code>, <code>last_name</code>,{' '}
          <code>phone</code> and <code>updated_at</code> are optional. Comma or semicolon, UTF-8.
        </span>
        <input
          key={inputKey}
          id="import-file"
          type="file"
          name="file"
          accept=".csv,text/csv,text/plain"
          disabled={busy}
          onChange={(e) => choose(e.currentTarget.files)}
          aria-describedby="import-format upload-chosen"
        />
      </div>
      <p id="upload-chosen" class="muted" aria-live="polite">
        {file ? (
          <>
            Chosen: <strong>{file.name}</strong> ({sizeInWords(file.size)})
          </>
        ) : (
          'No file chosen yet.'
        )}
        {note && <> {note}</>}
      </p>
      <label class="check">
        <input type="checkbox" name="dryRun" checked={dryRun} disabled={busy} onChange={(e) => setDryRun(e.currentTarget.checked)} />
        Dry run: check the file and count what would change, write nothing
      </label>
      <div class="actions">
        <button type="submit" disabled={!file || busy}>
          {dryRun ? 'Upload and check' : 'Upload and import'}
        </button>
      </div>
      {sent && (
        <div class="import-progress" role="status">
          <progress aria-label="Uploaded" max={sent.total || 1} value={sent.sent} />
          <span>
            Uploading: {sizeInWords(sent.sent)} of {sizeInWords(sent.total)}
          </span>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </form>
  );
}
