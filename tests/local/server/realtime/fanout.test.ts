/** Fan-out: the mutations a subscription listens to, one projection per distinct subscriber shape, invalidation. */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../../build/schema.js';
import type { Principal } from '../../../../local/server/auth/authenticate.js';
import { authRules } from '../../../../local/server/auth/directives.js';
import type { DeliveryPayload } from '../../../../local/server/realtime/delivery.js';
import { createFanout, type Subscriber } from '../../../../local/server/realtime/fanout.js';
import type { Registration } from '../../../../local/server/realtime/registration.js';
import { installAppSyncScalars } from '../../../../local/server/scalars.js';

const schema = installAppSyncScalars(loadSchema());
const admin: Principal = {
  mode: 'AMAZON_COGNITO_USER_POOLS',
  authType: 'User Pool Authorization',
  identity: {},
  groups: ['admin'],
  deniedFields: new Set(),
};
const query = 'subscription($p: ID!) { onStockChanged(productId: $p) { productId sequence } }';

function subscriber(id: string, over: Partial<Registration> = {}) {
  const received: DeliveryPayload[] = [];
  let invalidated = false;
  const registration: Registration = {
    field: 'onStockChanged',
    mutations: new Set(['publishStockChange']),
    args: { productId: 'p1' },
    target: { document: parse(query), variables: { p: 'p1' }, principal: admin },
    queryText: query,
    ...over,
  };
  const s: Subscriber = { id, registration, deliver: (p) => received.push(p), invalidate: () => (invalidated = true) };
  return { s, received, invalidated: () => invalidated };
}

const fanout = () => createFanout({ schema, rules: authRules(schema, 'API_KEY'), log: () => undefined });

describe('fan-out', () => {
  it('delivers to subscribers of the mutation whose arguments match, and stops after remove', () => {
    const f = fanout();
    const a = subscriber('a');
    const other = subscriber('b', { args: { productId: 'p2' } });
    const elsewhere = subscriber('c', { mutations: new Set(['publishAlert']) });
    for (const x of [a, other, elsewhere]) f.add(x.s);
    expect(f.publish({ fieldName: 'publishStockChange', value: { productId: 'p1', sequence: 3 }, invalidations: [] })).toEqual({
      matched: 1,
      evaluated: 2,
    });
    expect(a.received).toEqual([{ data: { onStockChanged: { productId: 'p1', sequence: 3 } } }]);
    expect(other.received).toEqual([]);
    f.remove(a.s);
    f.publish({ fieldName: 'publishStockChange', value: { productId: 'p1', sequence: 4 }, invalidations: [] });
    expect(a.received).toHaveLength(1);
    expect(f.size()).toBe(2);
  });

  it('an enhanced filter replaces argument matching', () => {
    const f = fanout();
    const x = subscriber('x', {
      args: { productId: 'p1' },
      filter: { filterGroup: [{ filters: [{ fieldName: 'productId', operator: 'in', value: ['p7'] }] }] },
    });
    f.add(x.s);
    f.publish({ fieldName: 'publishStockChange', value: { productId: 'p1', sequence: 1 }, invalidations: [] });
    f.publish({ fieldName: 'publishStockChange', value: { productId: 'p7', sequence: 2 }, invalidations: [] });
    expect(x.received.map((p) => (p.data as { onStockChanged: { sequence: number } }).onStockChanged.sequence)).toEqual([2]);
  });

  it('invalidateSubscriptions ends the subscriptions of that field whose invalidation filter matches the payload', () => {
    const f = fanout();
    const hit = subscriber('hit', {
      invalidationFilter: { filterGroup: [{ filters: [{ fieldName: 'productId', operator: 'eq', value: 'p1' }] }] },
    });
    const miss = subscriber('miss', {
      invalidationFilter: { filterGroup: [{ filters: [{ fieldName: 'productId', operator: 'eq', value: 'p2' }] }] },
    });
    const none = subscriber('none');
    for (const x of [hit, miss, none]) f.add(x.s);
    f.publish({
      fieldName: 'somethingElse',
      value: {},
      invalidations: [{ subscriptionField: 'onStockChanged', payload: { productId: 'p1' } }],
    });
    expect([hit.invalidated(), miss.invalidated(), none.invalidated()]).toEqual([true, false, false]);
  });
});
