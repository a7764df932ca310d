/**
 * What a local Stockroom stops, and in which order, whatever order the parts started in: nothing
 * polls or serves a database that is already gone (no "stream poll failed ... ECONNREFUSED" on a
 * clean stop). The bus and SNS endpoints stop after the stream poller (the publisher writes to
 * them) and before the DynamoDB client (rule targets are functions that write to the table).
 */
export const STOP_ORDER = [
  'connection file',
  'schedules',
  'stream poller',
  'realtime',
  'server',
  'events',
  'sns',
  's3',
  'client',
  'dynamodb',
  'lock',
] as const;

export type StopStep = (typeof STOP_ORDER)[number];

export interface StopList {
  /** Registers `run` to be called at `step` when the run stops. */
  onStop(step: StopStep, run: () => Promise<void> | void): void;
  /** Runs every registered step once, in STOP_ORDER; a failing step is logged and the rest still run. */
  stopAll(): Promise<void>;
}

export function createStopList(log: (message: string) => void): StopList {
  const cleanups: { step: StopStep; run: () => Promise<void> | void }[] = [];
  return {
    onStop: (step, run) => void cleanups.push({ step, run }),
    stopAll: async () => {
      const ordered = cleanups.splice(0).sort((a, b) => STOP_ORDER.indexOf(a.step) - STOP_ORDER.indexOf(b.step));
      for (const { run } of ordered) {
        try {
          await run();
        } catch (error) {
          log(`stop: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}
