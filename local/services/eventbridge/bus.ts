/**
 * The local event bus behind the EventBridge endpoint: accepts PutEvents, matches each event
 * against the rules given at construction and delivers EventBridge's event shape to their
 * in-process targets, asynchronously (PutEvents answers before delivery, as on AWS), retrying a
 * failing target with exponential backoff and parking it in the dead-letter queue after the last
 * attempt. A fault hook can make the bus reject chosen entries (`FailedEntryCount`), so a
 * publisher's retry of failed entries can be tested.
 *
 *   const bus = createLocalEventBus({ rules: [{ name: 'receipts', eventBusName: 'stockroom-dev-bus',
 *     eventPattern: { 'detail-type': ['OrderCreated'] }, target: (event) => invoke('receipts', event) }] });
 *   bus.putEvents({ Entries: [...] });  await bus.drain();
 */
import { buildEvent, type EventBridgeEvent, type PutEventsEntry } from './event-shape.js';
import { createDeadLetterStore, type DeadLetter, type DeadLetterStore } from './dead-letters.js';
import { checkPutEventsRequest, DEFAULT_MAX_REQUEST_BYTES, EventBridgeApiError, validateEntry, type EntryError } from './put-events.js';
import { compileEventPattern, InvalidEventPatternError, matchesEventPattern, type CompiledEventPattern } from './pattern/index.js';

export type EventTarget = (event: EventBridgeEvent) => unknown;

/** A rule's retry policy, named as on AWS (`RetryPolicy` of a target). */
export interface RetryPolicy {
  /** Retries after the first delivery (AWS default 185; locally 2). */
  readonly maximumRetryAttempts?: number;
  /** Delay before the first retry; doubles with each further one. */
  readonly baseDelayMs?: number;
}

export interface LocalRule {
  readonly name: string;
  /** Default `default`. */
  readonly eventBusName?: string;
  /** The pattern as JSON text or as an object (validated at construction). */
  readonly eventPattern: string | Record<string, unknown>;
  readonly target: EventTarget;
  readonly retryPolicy?: RetryPolicy;
}

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly ({ readonly EventId: string } | EntryError)[];
}

/** Decides, per entry, whether the bus fails it (`undefined` accepts it). */
export type EntryFault = (entry: PutEventsEntry, index: number) => EntryError | undefined;

export interface LocalEventBusOptions {
  readonly rules?: readonly LocalRule[];
  /** Extra bus names that exist without rules (`default` always does). */
  readonly eventBusNames?: readonly string[];
  readonly account?: string;
  readonly region?: string;
  /** Where parked events are kept (`<state dir>/eventbridge-dlq`); in memory only when absent. */
  readonly deadLetterDir?: string;
  readonly maxRequestBytes?: number;
  readonly defaultRetryPolicy?: RetryPolicy;
  readonly log?: (message: string) => void;
}

export interface RedriveResult {
  readonly redriven: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
}

export interface LocalEventBus {
  putEvents(request: unknown): PutEventsResult;
  testEventPattern(request: unknown): { Result: boolean };
  /** Every event accepted so far, oldest first (for tests and the admin view). */
  events(): readonly EventBridgeEvent[];
  /** Resolves when every delivery started so far (including retries) has finished. */
  drain(): Promise<void>;
  readonly deadLetters: Pick<DeadLetterStore, 'list' | 'show' | 'dir'>;
  /** Delivers parked events again (one id, or all); a success leaves the queue. */
  redrive(id?: string): Promise<RedriveResult>;
  /** Installs (or, with `undefined`, removes) the entry fault hook. */
  setEntryFault(fault: EntryFault | undefined): void;
  readonly rules: readonly string[];
}

const LOCAL_ACCOUNT = '000000000000';
const DEFAULT_RETRY: Required<RetryPolicy> = { maximumRetryAttempts: 2, baseDelayMs: 50 };

interface CompiledRule extends LocalRule {
  readonly bus: string;
  readonly pattern: CompiledEventPattern;
  readonly retry: Required<RetryPolicy>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const INTERNAL_FAILURE: EntryError = { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service error.' };

/**
 * A fault that rejects each selected entry the first time the bus sees it (by its content) and
 * accepts it when sent again: what a publisher that retries only failed entries must survive.
 */
export function rejectOnce(select: (entry: PutEventsEntry, index: number) => boolean, error: EntryError = INTERNAL_FAILURE): EntryFault {
  const rejected = new Set<string>();
  return (entry, index) => {
    if (!select(entry, index)) return undefined;
    const key = JSON.stringify([entry.EventBusName, entry.Source, entry.DetailType, entry.Detail]);
    if (rejected.has(key)) return undefined;
    rejected.add(key);
    return error;
  };
}

export function createLocalEventBus(options: LocalEventBusOptions = {}): LocalEventBus {
  const account = options.account ?? LOCAL_ACCOUNT;
  const region = options.region ?? 'us-east-1';
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const log = options.log ?? (() => {});
  const store = createDeadLetterStore({ dir: options.deadLetterDir });
  const rules: CompiledRule[] = (options.rules ?? []).map((rule) => ({
    ...rule,
    bus: rule.eventBusName ?? 'default',
    pattern: compileEventPattern(typeof rule.eventPattern === 'string' ? rule.eventPattern : JSON.stringify(rule.eventPattern)),
    retry: { ...DEFAULT_RETRY, ...options.defaultRetryPolicy, ...rule.retryPolicy },
  }));
  const buses = new Set(['default', ...(options.eventBusNames ?? []), ...rules.map((r) => r.bus)]);
  const accepted: EventBridgeEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  let fault: EntryFault | undefined;

  /** Delivers with retries; resolves with the last error when every attempt failed. */
  async function attempt(rule: CompiledRule, event: EventBridgeEvent): Promise<{ attempts: number; error?: string }> {
    const attempts = rule.retry.maximumRetryAttempts + 1;
    let lastError = '';
    for (let n = 1; n <= attempts; n += 1) {
      try {
        await rule.target(event);
        return { attempts: n };
      } catch (error) {
        lastError = errorText(error);
        log(`eventbridge: rule ${rule.name} target failed (attempt ${n}/${attempts}) for event ${event.id}: ${lastError}`);
        if (n < attempts) await sleep(rule.retry.baseDelayMs * 2 ** (n - 1));
      }
    }
    return { attempts, error: lastError };
  }

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  function deliver(rule: CompiledRule, event: EventBridgeEvent): void {
    track(
      attempt(rule, event).then((outcome) => {
        if (outcome.error === undefined) return;
        const letter = store.add({ rule: rule.name, eventBusName: rule.bus, attempts: outcome.attempts, error: outcome.error, event });
        log(`eventbridge: event ${event.id} parked in the dead-letter queue as ${letter.id} (rule ${rule.name})`);
      }),
    );
  }

  return {
    rules: rules.map((r) => r.name),
    putEvents(request) {
      const entries = checkPutEventsRequest(request, maxBytes);
      const results = entries.map((entry, index) => {
        const injected = fault?.(entry, index);
        if (injected) return injected;
        const valid = validateEntry(entry, buses);
        if ('ErrorCode' in valid) return valid;
        const event = buildEvent(valid, { account, region });
        accepted.push(event);
        for (const rule of rules) if (rule.bus === valid.eventBusName && matchesEventPattern(rule.pattern, event)) deliver(rule, event);
        return { EventId: event.id };
      });
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
    testEventPattern(request) {
      const { EventPattern, Event } = (request ?? {}) as { EventPattern?: unknown; Event?: unknown };
      if (typeof EventPattern !== 'string')
        throw new EventBridgeApiError(
          'ValidationException',
          "1 validation error detected: Value null at 'eventPattern' failed to satisfy constraint: Member must not be null",
        );
      if (typeof Event !== 'string')
        throw new EventBridgeApiError(
          'ValidationException',
          "1 validation error detected: Value null at 'event' failed to satisfy constraint: Member must not be null",
        );
      let pattern: CompiledEventPattern;
      try {
        pattern = compileEventPattern(EventPattern);
      } catch (error) {
        if (error instanceof InvalidEventPatternError) throw new EventBridgeApiError('InvalidEventPatternException', error.message);
        throw error;
      }
      let event: unknown;
      try {
        event = JSON.parse(Event);
      } catch {
        throw new EventBridgeApiError('ValidationException', 'Parameter Event is not valid.');
      }
      // TestEventPattern requires the envelope fields (its API reference lists them).
      const mandatory = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
      if (typeof event !== 'object' || event === null || Array.isArray(event) || !mandatory.every((f) => Object.hasOwn(event, f))) {
        throw new EventBridgeApiError('ValidationException', 'Parameter Event is not valid.');
      }
      return { Result: matchesEventPattern(pattern, event) };
    },
    events: () => [...accepted],
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    deadLetters: store,
    async redrive(id) {
      const letters: DeadLetter[] = id === undefined ? [...store.list()] : [store.show(id)].filter((l): l is DeadLetter => l !== undefined);
      if (id !== undefined && letters.length === 0)
        throw new EventBridgeApiError('ResourceNotFoundException', `Dead letter ${id} does not exist.`);
      const redriven: string[] = [];
      const failed: { id: string; error: string }[] = [];
      for (const letter of letters) {
        const rule = rules.find((r) => r.name === letter.rule);
        if (!rule) {
          failed.push({ id: letter.id, error: `Rule ${letter.rule} does not exist.` });
          continue;
        }
        const outcome = await attempt(rule, letter.event);
        if (outcome.error === undefined) {
          store.remove(letter.id);
          redriven.push(letter.id);
        } else {
          failed.push({ id: letter.id, error: outcome.error });
        }
      }
      return { redriven, failed };
    },
    setEntryFault(next) {
      fault = next;
    },
  };
}
