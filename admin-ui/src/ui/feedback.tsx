/** Loading, empty and error states, the same on every screen. */
import type { ComponentChildren } from 'preact';
import { describeError } from '../api/errors.js';

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** An API error in words, with its type (e.g. VersionConflict) and the server's message. */
export function ErrorNotice({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const { type, summary, detail } = describeError(error);
  return (
    <div class="error" role="alert" data-error-type={type}>
      <strong>{summary}</strong> <code>{type}</code>
      <div class="muted">{detail}</div>
      {onDismiss && (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
