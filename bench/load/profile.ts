/**
 * Burst profiles for the order load test: phases of a constant arrival rate. Written as
 * `rate@seconds` joined by commas, e.g. the default `500@10,5000@10,500@10` (a 10-second burst of
 * 5,000 requests/s between two calm periods).
 */
export interface Phase {
  readonly rate: number;
  readonly seconds: number;
}

export const DEFAULT_PROFILE = '500@10,5000@10,500@10';

export function parseProfile(text: string): Phase[] {
  const phases = text.split(',').map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)@(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new Error(`profile phase "${part}" is not rate@seconds`);
    return { rate: Number(m[1]), seconds: Number(m[2]) };
  });
  if (phases.some((p) => p.rate <= 0 || p.seconds <= 0)) throw new Error('every phase needs a positive rate and duration');
  return phases;
}

/** How many requests should have been started `elapsedSeconds` into the profile (open loop). */
export function dueBy(phases: readonly Phase[], elapsedSeconds: number): number {
  let due = 0;
  let left = elapsedSeconds;
  for (const phase of phases) {
    const t = Math.min(left, phase.seconds);
    due += phase.rate * t;
    left -= t;
    if (left <= 0) break;
  }
  return Math.floor(due);
}

export function totalSeconds(phases: readonly Phase[]): number {
  return phases.reduce((s, p) => s + p.seconds, 0);
}

export { percentile } from '../report.js';
