/** What the before-handlers of reserveStock and commitStock leave in the stash for later steps. */
import type { AllocationStash } from './allocation';
import type { Actor } from './identity';

export interface ReserveStash extends AllocationStash {
  actor: Actor;
  requestId: string;
  id: string;
  ttlSeconds: number;
  fingerprint: string;
  /** The record the final step writes (a reservation or a commit). */
  record?: unknown;
}
