/**
 * The local runtime's clock: what resolver code reads through `util.time.now*` (and every
 * `util.time` default). It is the real time, unless a test shifted it forward or back with
 * `testClock.shift(ms)` — so a test of a 15-second window does not sleep 15 seconds.
 *
 * Test-only: nothing in `npm start` (local/cli, local/server) calls `shift`, and the offset lives
 * in this module, so it only exists in a process that imports it to shift (a test file; vitest
 * gives each file its own module graph). Lambda handlers (the sweeper, the stream functions) keep
 * the real clock: the shift is for resolver time only. docs/orders.md, "Clock shift for tests".
 */

let offsetMs = 0;

/** Milliseconds since the epoch as the runtime sees them. */
export function runtimeNow(): number {
  return Date.now() + offsetMs;
}

export const testClock = {
  /** Moves the runtime clock by `ms` (cumulative; negative goes back). */
  shift(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`testClock.shift: ${ms} is not a number of milliseconds`);
    offsetMs += ms;
  },
  /** Back to the real time. */
  reset(): void {
    offsetMs = 0;
  },
  offsetMs(): number {
    return offsetMs;
  },
};
