/** What the before-handlers of reserveStock and commitStock leave in the stash for later steps. */
import type { AllocationStash } from './allocation';
import type { Actor } from './identity';

/** `R` is the record the final step writes: a ReservationRecord or a CommitRecord. */
export interface ReserveStash<R> extends AllocationStash {
  actor: Actor;
  requestId: string;
  id: string;
  ttlSeconds: number;
  fingerprint: string;
  /** The record the final step writes. */
  record?: R;
  /** Set on a retry: the id the request id made first, read back by the last step. */
  duplicateOf?: string;
}
