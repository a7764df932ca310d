import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from 'aws-lambda';
import { scheduleSpecs, startScheduler, type Scheduler } from '../../../local/services/scheduler.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('local/services/scheduler', () => {
  it('reads the schedules from the wiring', () => {
    expect(scheduleSpecs()).toEqual(
      expect.arrayContaining([
        { functionName: 'reservation-sweeper', rateMinutes: 1 },
        { functionName: 'inventory-consistency', rateMinutes: 5 },
      ]),
    );
  });

  it('runNow invokes the function with an EventBridge Scheduled Event and returns its result', async () => {
    const events: ScheduledEvent[] = [];
    scheduler = startScheduler({
      stage: 'unit',
      schedules: [{ functionName: 'job', rateMinutes: 60 }],
      invoke: async (_fn, event) => {
        events.push(event);
        return { ok: true };
      },
    });
    await expect(scheduler.runNow('job')).resolves.toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/stockroom-unit-job-schedule'],
      detail: {},
    });
    expect(events[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(typeof events[0]?.id).toBe('string');
    await expect(scheduler.runNow('not-scheduled')).rejects.toThrow(/no schedule/);
  });

  it('ticks on the rate, never runs one function twice at once, and skips ticks while it runs', async () => {
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    scheduler = startScheduler({
      stage: 'unit',
      schedules: [{ functionName: 'slow', rateMinutes: 1 }],
      msPerMinute: 20, // a tick every 20 ms
      invoke: async () => {
        calls++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(120);
        running--;
        return calls;
      },
    });
    await sleep(50);
    // A direct run while a tick's run is going joins it.
    const [a, b] = await Promise.all([scheduler.runNow('slow'), scheduler.runNow('slow')]);
    expect(a).toBe(b);
    await sleep(300);
    await scheduler.stop();
    expect(maxRunning).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(scheduler.stats().skippedTicks['slow'] ?? 0).toBeGreaterThan(0);
    expect(scheduler.stats().runs['slow']).toBe(calls);
  });

  it('retries a failed tick, then writes the event to the DLQ', async () => {
    let calls = 0;
    scheduler = startScheduler({
      stage: 'unit',
      schedules: [{ functionName: 'broken', rateMinutes: 1 }],
      msPerMinute: 30,
      retryAttempts: 2,
      log: () => undefined,
      invoke: async () => {
        calls++;
        throw new Error('boom');
      },
    });
    for (let i = 0; i < 50 && scheduler.dlq.list().length === 0; i++) await sleep(10);
    await scheduler.stop();
    const dead = scheduler.dlq.list()[0];
    expect(dead).toMatchObject({ queue: 'stockroom-unit-broken-dlq', source: 'schedule', attempts: 3, error: 'Error: boom' });
    expect((dead?.payload as ScheduledEvent)['detail-type']).toBe('Scheduled Event');
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
