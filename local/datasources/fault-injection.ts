/**
 * Fault injection for the DynamoDB data source. DynamoDB Local never reports a transaction
 * conflict and never throttles, so resolver code that handles those paths could not be exercised
 * locally. A `FaultController` decides, per call, whether to fail it instead of calling DynamoDB
 * (an injected fault never performs the write). Seeded runs are deterministic.
 *
 * Environment (for `npm start`): `STOCKROOM_FAULTS="conflict=0.2,throttle=0.1,seed=7,ops=TransactWriteItems|PutItem"`.
 */

export interface FaultInjection {
  /** Probability (0..1) that a TransactWriteItems/TransactGetItems call is cancelled with TransactionConflict. */
  readonly transactionConflictRate: number;
  /** Probability (0..1) that any call is throttled. */
  readonly throttleRate: number;
  /** PRNG seed; same seed + same call sequence ⇒ same faults. Default: random. */
  readonly seed?: number;
  /** Restrict faults to these operations (e.g. `['TransactWriteItems']`). Default: all. */
  readonly operations?: readonly string[];
}

export type Fault = 'conflict' | 'throttle';

export interface FaultController {
  get(): FaultInjection;
  /** Merges into the current settings; a given `seed` restarts the PRNG sequence. */
  set(config: Partial<FaultInjection>): void;
  /** No faults (and a fresh random seed). */
  reset(): void;
  /** Whether to fail this call, and how. Draws from the PRNG only for rates above 0. */
  decide(operation: string): Fault | undefined;
  /** A PRNG integer in [0, n) (e.g. which transaction item conflicted). */
  pick(n: number): number;
}

export const TRANSACTION_OPERATIONS: readonly string[] = ['TransactWriteItems', 'TransactGetItems'];

/** mulberry32: tiny, fast, good enough to pick faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function clampRate(r: unknown, name: string): number {
  const n = Number(r ?? 0);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new RangeError(`${name} must be a number in 0..1, got ${String(r)}`);
  return n;
}

const randomSeed = (): number => Math.floor(Math.random() * 2 ** 32);

export function createFaultController(initial: Partial<FaultInjection> = {}): FaultController {
  let config: FaultInjection = { transactionConflictRate: 0, throttleRate: 0 };
  let random = mulberry32(randomSeed());

  const controller: FaultController = {
    get: () => ({ ...config }),
    set(next) {
      const merged = { ...config, ...next };
      config = {
        ...merged,
        transactionConflictRate: clampRate(merged.transactionConflictRate, 'transactionConflictRate'),
        throttleRate: clampRate(merged.throttleRate, 'throttleRate'),
      };
      if (next.seed !== undefined) random = mulberry32(next.seed);
    },
    reset() {
      config = { transactionConflictRate: 0, throttleRate: 0 };
      random = mulberry32(randomSeed());
    },
    decide(operation) {
      if (config.operations && !config.operations.includes(operation)) return undefined;
      if (config.transactionConflictRate > 0 && TRANSACTION_OPERATIONS.includes(operation) && random() < config.transactionConflictRate) {
        return 'conflict';
      }
      if (config.throttleRate > 0 && random() < config.throttleRate) return 'throttle';
      return undefined;
    },
    pick(n) {
      return Math.min(n - 1, Math.floor(random() * n));
    },
  };
  controller.set(initial);
  return controller;
}

/** Parses `conflict=0.2,throttle=0.1,seed=7,ops=A|B`; undefined when empty. */
export function parseFaults(text: string | undefined): Partial<FaultInjection> | undefined {
  if (!text || !text.trim()) return undefined;
  const out: { -readonly [K in keyof FaultInjection]?: FaultInjection[K] } = {};
  for (const part of text.split(',')) {
    const [rawKey, rawValue = ''] = part.split('=');
    const key = (rawKey ?? '').trim().toLowerCase();
    const value = rawValue.trim();
    if (!key) continue;
    if (key === 'conflict' || key === 'transactionconflictrate') out.transactionConflictRate = clampRate(value, 'conflict');
    else if (key === 'throttle' || key === 'throttlerate') out.throttleRate = clampRate(value, 'throttle');
    else if (key === 'seed') out.seed = Number.parseInt(value, 10);
    else if (key === 'ops' || key === 'operations')
      out.operations = value
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
    else throw new Error(`Unknown STOCKROOM_FAULTS setting "${key}" (use conflict, throttle, seed, ops)`);
  }
  return out;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<FaultInjection> | undefined {
  return parseFaults(env.STOCKROOM_FAULTS);
}
