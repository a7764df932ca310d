/**
 * The subscriptions of every connection, indexed by the mutations they listen to. A completed
 * mutation field is matched against each (enhanced filter, else arguments) and delivered,
 * projected per subscriber; `extensions.invalidateSubscriptions` calls end the subscriptions whose
 * invalidation filter matches.
 */
import type { CompletedMutationField } from '../graphql.js';
import { deliveryKey, deliveryPayload, type DeliveryContext, type DeliveryPayload } from './delivery.js';
import { matchesArguments, matchesEnhanced } from './filters.js';
import type { Registration } from './registration.js';

export interface Subscriber {
  readonly id: string;
  readonly registration: Registration;
  /** Receives the payload of each matching event. */
  deliver(payload: DeliveryPayload): void;
  /** The subscription was invalidated: AppSync completes it and closes the connection. */
  invalidate(): void;
}

export interface FanoutStats {
  readonly matched: number;
  readonly evaluated: number;
}

export function createFanout(ctx: DeliveryContext) {
  const byMutation = new Map<string, Set<Subscriber>>();
  const byField = new Map<string, Set<Subscriber>>();

  function index<K>(map: Map<K, Set<Subscriber>>, key: K): Set<Subscriber> {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  }

  return {
    add(subscriber: Subscriber): void {
      for (const mutation of subscriber.registration.mutations) index(byMutation, mutation).add(subscriber);
      index(byField, subscriber.registration.field).add(subscriber);
    },
    remove(subscriber: Subscriber): void {
      for (const mutation of subscriber.registration.mutations) byMutation.get(mutation)?.delete(subscriber);
      byField.get(subscriber.registration.field)?.delete(subscriber);
    },
    publish(completed: CompletedMutationField): FanoutStats {
      let matched = 0;
      let evaluated = 0;
      const payloads = new Map<string, DeliveryPayload>();
      for (const subscriber of [...(byMutation.get(completed.fieldName) ?? [])]) {
        evaluated += 1;
        const r = subscriber.registration;
        // Enhanced filtering replaces argument matching; the two never apply together.
        const match = r.filter ? matchesEnhanced(r.filter, completed.value) : matchesArguments(r.args, completed.value);
        if (!match) continue;
        matched += 1;
        const key = deliveryKey(r.queryText, r.target);
        let payload = payloads.get(key);
        if (!payload) payloads.set(key, (payload = deliveryPayload(ctx, r.target, completed.value)));
        subscriber.deliver(payload);
      }
      for (const call of completed.invalidations) {
        for (const subscriber of [...(byField.get(call.subscriptionField) ?? [])]) {
          const filter = subscriber.registration.invalidationFilter;
          if (filter && matchesEnhanced(filter, call.payload)) subscriber.invalidate();
        }
      }
      return { matched, evaluated };
    },
    size(): number {
      let n = 0;
      for (const set of byField.values()) n += set.size;
      return n;
    },
  };
}

export type Fanout = ReturnType<typeof createFanout>;
