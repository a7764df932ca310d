/**
 * Local EventBridge schedules: every function of `build/wiring.ts` whose trigger is
 * `{kind:'schedule', rateMinutes}` is invoked on that rate with an EventBridge Scheduled Event,
 * the event the rule infra creates (`stockroom-<stage>-<function>-schedule`) would send.
 *
 *   const scheduler = startScheduler({ stage, invoke: functions.invoke });
 *   await scheduler.runNow('reservation-sweeper');   // tests and the CLI trigger a run directly
 *   await scheduler.stop();                          // waits for runs in flight
 *
 * A function never runs twice at once here: a tick that finds the previous run still going is
 * skipped (counted in `stats()`), and `runNow` during a run joins that run instead of starting
 * another. The first tick comes one period after start, as with a new EventBridge rule. A failed
 * run is logged and, after the retries infra configures (2), written to the local DLQ.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { resourceName, wiring as defaultWiring, type Wiring } from '../../build/wiring.js';
import { LOCAL_REGION } from './dynamodb-local.js';
import { createLocalDlq, dlqName, type LocalDlq } from './dlq.js';
import { LOCAL_ACCOUNT_ID } from './function-runner.js';

export interface ScheduleSpec {
  readonly functionName: string;
  readonly rateMinutes: number;
}

export interface SchedulerOptions {
  readonly stage: string;
  readonly invoke: (functionName: string, event: ScheduledEvent) => Promise<unknown>;
  readonly wiring?: Wiring;
  /** Default: every `schedule` trigger of the wiring. */
  readonly schedules?: readonly ScheduleSpec[];
  readonly region?: string;
  /** Length of a "minute" in ms (tests shrink time). Default 60 000. */
  readonly msPerMinute?: number;
  /** Retries of a failed scheduled run before the DLQ (infra: ASYNC_RETRY_ATTEMPTS = 2). */
  readonly retryAttempts?: number;
  readonly dlq?: LocalDlq;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface SchedulerStats {
  readonly runs: Readonly<Record<string, number>>;
  readonly skippedTicks: Readonly<Record<string, number>>;
  readonly failures: Readonly<Record<string, number>>;
}

export interface Scheduler {
  /** Runs a scheduled function now (or joins its run in flight) and resolves with its result. */
  runNow(functionName: string): Promise<unknown>;
  /** Clears the timers and waits for runs in flight; idempotent. */
  stop(): Promise<void>;
  readonly dlq: LocalDlq;
  readonly schedules: readonly ScheduleSpec[];
  stats(): SchedulerStats;
}

export function scheduleSpecs(w: Wiring = defaultWiring): ScheduleSpec[] {
  const out: ScheduleSpec[] = [];
  for (const [functionName, spec] of Object.entries(w.functions)) {
    if (spec.trigger.kind === 'schedule') out.push({ functionName, rateMinutes: spec.trigger.rateMinutes });
  }
  return out;
}

/** The event an EventBridge schedule rule delivers. */
export function scheduledEvent(stage: string, functionName: string, region: string = LOCAL_REGION, at: Date = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    // EventBridge stamps the scheduled time to the second.
    time: `${at.toISOString().slice(0, 19)}Z`,
    region,
    resources: [`arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${resourceName(stage, `${functionName}-schedule`)}`],
    detail: {},
  };
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const w = options.wiring ?? defaultWiring;
  const schedules = options.schedules ?? scheduleSpecs(w);
  const region = options.region ?? LOCAL_REGION;
  const msPerMinute = options.msPerMinute ?? 60_000;
  const retryAttempts = options.retryAttempts ?? 2;
  const dlq = options.dlq ?? createLocalDlq();
  const log =
    options.log ??
    ((level, message, fields) => {
      if (level !== 'info') console.error(JSON.stringify({ level: level.toUpperCase(), source: 'scheduler', message, ...fields }));
    });
  const inFlight = new Map<string, Promise<unknown>>();
  const runs: Record<string, number> = {};
  const skippedTicks: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  for (const s of schedules) {
    if (!(s.rateMinutes > 0)) throw new Error(`schedule of "${s.functionName}": rateMinutes must be positive`);
  }
  const known = new Set(schedules.map((s) => s.functionName));

  const start = (functionName: string, retries: number): Promise<unknown> => {
    const running = inFlight.get(functionName);
    if (running) return running;
    runs[functionName] = (runs[functionName] ?? 0) + 1;
    const event = scheduledEvent(options.stage, functionName, region);
    const run = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await options.invoke(functionName, event);
        } catch (error) {
          failures[functionName] = (failures[functionName] ?? 0) + 1;
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          if (attempt < retries && !stopped) {
            log('warn', 'scheduled run failed; retrying', { function: functionName, attempt: attempt + 1, error: message });
            continue;
          }
          if (retries > 0)
            await dlq.send(dlqName(options.stage, functionName, w.service), {
              source: 'schedule',
              functionName,
              attempts: attempt + 1,
              error: message,
              payload: event,
            });
          throw error;
        }
      }
    })().finally(() => inFlight.delete(functionName));
    inFlight.set(functionName, run);
    return run;
  };

  for (const s of schedules) {
    const timer = setInterval(() => {
      if (stopped) return;
      if (inFlight.has(s.functionName)) {
        skippedTicks[s.functionName] = (skippedTicks[s.functionName] ?? 0) + 1;
        log('info', 'previous run still going; tick skipped', { function: s.functionName });
        return;
      }
      start(s.functionName, retryAttempts).catch((error: unknown) => {
        log('error', 'scheduled run failed', { function: s.functionName, error: error instanceof Error ? error.message : String(error) });
      });
    }, s.rateMinutes * msPerMinute);
    // Schedules alone never keep the process alive.
    timer.unref();
    timers.push(timer);
  }

  let stopping: Promise<void> | undefined;
  return {
    dlq,
    schedules,
    stats: () => ({ runs: { ...runs }, skippedTicks: { ...skippedTicks }, failures: { ...failures } }),
    runNow(functionName) {
      if (!known.has(functionName))
        return Promise.reject(new Error(`"${functionName}" has no schedule in the wiring (scheduled: ${[...known].join(', ')})`));
      if (stopped) return Promise.reject(new Error('scheduler is stopped'));
      // Direct runs report their error to the caller at once (no retries, no DLQ).
      return start(functionName, 0);
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const t of timers) clearInterval(t);
        await Promise.allSettled([...inFlight.values()]);
      })();
      return stopping;
    },
  };
}
