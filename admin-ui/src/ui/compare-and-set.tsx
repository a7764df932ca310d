/**
 * Editing a versioned record with compare-and-set, the same way everywhere (stock items, products):
 * the write carries the version the form was opened on; on VersionConflict the current record is
 * read again and both values are shown side by side, and the user re-applies theirs on the new
 * version or discards it.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/errors.js';
import { ErrorNotice } from './feedback.js';

export interface Versioned {
  readonly version: number;
}

export interface CompareAndSet<T extends Versioned> {
  /** The current record after a VersionConflict (null: none yet). */
  readonly conflict: T | null;
  readonly error: unknown;
  readonly busy: boolean;
  /** Writes on `base`'s version, or on the conflicting record's when re-applying. */
  save(base: T): Promise<void>;
  /** Drops the user's change: the caller gets the current record (or nothing when there was no conflict). */
  discard(): T | null;
  reset(): void;
}

export function useCompareAndSet<T extends Versioned>(options: {
  write: (expectedVersion: number) => Promise<T>;
  readCurrent: () => Promise<T | null>;
  onSaved: (saved: T) => void;
}): CompareAndSet<T> {
  const [conflict, setConflict] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setConflict(null);
    setError(null);
  };
  return {
    conflict,
    error,
    busy,
    reset,
    async save(base) {
      setBusy(true);
      setError(null);
      try {
        const saved = await options.write(conflict ? conflict.version : base.version);
        setConflict(null);
        options.onSaved(saved);
      } catch (e) {
        if (e instanceof ApiError && e.errorType === 'VersionConflict') setConflict(await options.readCurrent().catch(() => null));
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    discard() {
      const current = conflict;
      reset();
      return current;
    },
  };
}

export interface ConflictRow {
  readonly label: string;
  readonly mine: string | number;
  readonly theirs: string | number;
  /** data-testid prefix of the two cells (`mine-<id>`, `theirs-<id>`). */
  readonly testId?: string;
}

/** The error in words, and after a conflict, "Yours" beside "Current (version n)" per field. */
export function ConflictView({ state, rows }: { state: CompareAndSet<Versioned>; rows: readonly ConflictRow[] }) {
  return (
    <>
      {state.error !== null && <ErrorNotice error={state.error} />}
      {state.conflict && (
        <div class="scroll">
          <table class="conflict" aria-label="Your change and the current values">
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">Field</span>
                </th>
                <th scope="col">Yours</th>
                <th scope="col">Current (version {state.conflict.version})</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label} class={row.mine === row.theirs ? '' : 'differs'}>
                  <th scope="row">{row.label}</th>
                  <td data-testid={row.testId && `mine-${row.testId}`}>{row.mine}</td>
                  <td data-testid={row.testId && `theirs-${row.testId}`}>{row.theirs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Save / Cancel, which become "Re-apply my change" / "Discard mine" after a conflict. */
export function CompareAndSetActions({ state, onDiscard }: { state: CompareAndSet<Versioned>; onDiscard: () => void }) {
  return (
    <div class="actions">
      <button type="submit" disabled={state.busy}>
        {state.conflict ? 'Re-apply my change' : 'Save'}
      </button>
      <button type="button" class="secondary" disabled={state.busy} onClick={onDiscard}>
        {state.conflict ? 'Discard mine' : 'Cancel'}
      </button>
    </div>
  );
}
