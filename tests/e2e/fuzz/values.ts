/**
 * Random argument values for any GraphQL input type, read from the schema's types: boundary
 * integers, odd strings, valid and invalid AWS scalars, wrong enum values, nulls, empty, wide and
 * deep lists and objects, and now and then a value of the wrong type altogether. Ids come from a
 * pool of known ids often enough that some calls reach real records and succeed.
 */
import { isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import type { Random } from './random.js';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Known ids by kind; the test adds ids it sees in responses (reservations, orders, keys). */
export interface IdPool {
  products: string[];
  warehouses: string[];
  partners: string[];
  customers: string[];
  records: string[];
  keys: string[];
}

const INT_EDGES = [
  0,
  1,
  -1,
  2,
  59,
  60,
  100,
  101,
  900,
  10_000,
  10_001,
  86_400,
  86_401,
  1_000_000,
  1_000_001,
  1_000_000_000,
  1_000_000_001,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
];
const FLOAT_EDGES = [0.5, -0.5, 1.5, 1e-300, 1e300, -1e300, 2 ** 31 + 0.5, Number.MAX_VALUE, Number.MIN_VALUE];
const ODD_STRINGS = [
  '',
  ' ',
  'a',
  '0',
  '-1',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '{"a":1}',
  '🦄 ünïcödé ✓',
  '\u0000',
  '\u202eevil',
  '\ud800',
  'a|b#c',
  '${x}',
  "'; DROP TABLE --",
  '\n\t\r',
];
const HUGE = ['x'.repeat(1_025), 'é'.repeat(4_000), 'y'.repeat(70_000)];

const AWS_SCALARS: Record<string, { valid: string[]; invalid: Value[] }> = {
  AWSDateTime: {
    valid: ['2026-01-01T00:00:00Z', '2026-12-01T23:59:59.999+05:30', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59Z'],
    invalid: ['2026-13-45T99:99:99Z', 'yesterday', '2026-01-01', '', 1_700_000_000],
  },
  AWSDate: { valid: ['2026-01-01', '2026-02-28Z'], invalid: ['2026-02-30', 'today', ''] },
  AWSTime: { valid: ['12:30:00', '23:59:59.999Z'], invalid: ['25:00', 'noon'] },
  AWSTimestamp: { valid: ['0', '1700000000'], invalid: ['soon', '-x'] },
  AWSEmail: { valid: ['a@example.com'], invalid: ['not-an-email', '@'] },
  AWSJSON: { valid: ['{"a":[1,2]}', '[]', 'null'], invalid: ['{', "{'a':1}"] },
  AWSURL: { valid: ['https://example.com/x?y=1'], invalid: ['example', 'http//x'] },
  AWSPhone: { valid: ['+14155550100'], invalid: ['phone'] },
  AWSIPAddress: { valid: ['127.0.0.1', '::1', '10.0.0.0/8'], invalid: ['999.1.1.1', 'ip'] },
};

export interface ValueOptions {
  readonly rnd: Random;
  readonly pool: IdPool;
  /** Plausible values only (known ids, small counts, valid enums): calls that reach the resolvers and often succeed. */
  readonly tame?: boolean;
}

/** Nested arrays or objects `depth` deep: where a scalar or a flat input is expected. */
function deepValue(rnd: Random, depth: number): Value {
  let v: Value = rnd.pick(['leaf', 1, true]);
  for (let i = 0; i < depth; i += 1) v = rnd.chance(0.5) ? [v] : { nested: v };
  return v;
}

function wrongType(rnd: Random): Value {
  return rnd.pick<() => Value>([
    () => 'not-the-type',
    () => 42,
    () => 4.2,
    () => true,
    () => [],
    () => ({}),
    () => deepValue(rnd, rnd.int(2, 200)),
    () => Array.from({ length: 500 }, (_, i) => i),
  ])();
}

function idFor(name: string, { rnd, pool }: ValueOptions): string {
  const n = name.toLowerCase();
  const kind = n.includes('product')
    ? pool.products
    : n.includes('warehouse')
      ? pool.warehouses
      : n.includes('partner')
        ? pool.partners
        : n.includes('customer')
          ? pool.customers
          : n.includes('key') && !n.includes('idempotency')
            ? pool.keys
            : pool.records;
  if (kind.length > 0 && rnd.chance(0.85)) return rnd.pick(kind);
  return `fz-${rnd.int(0, 9999)}`;
}

function stringFor(name: string, o: ValueOptions): Value {
  const { rnd } = o;
  const n = name.toLowerCase();
  if (n === 'currency' && rnd.chance(0.7)) return rnd.pick(['EUR', 'USD', 'eur', 'XXX', 'EURO']);
  if (n.includes('scope') && rnd.chance(0.7))
    return rnd.pick(['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read', 'admin:*']);
  if ((n.includes('id') || n.includes('key')) && rnd.chance(0.6))
    return n.includes('request') || n.includes('idempotency') ? `rq-${rnd.int(0, 40)}` : idFor(name, o);
  return rnd.chance(0.15) ? rnd.pick(HUGE) : rnd.chance(0.5) ? rnd.pick(ODD_STRINGS) : `s-${rnd.int(0, 1_000_000)}`;
}

function scalarValue(typeName: string, name: string, o: ValueOptions): Value {
  const { rnd } = o;
  if (o.tame) {
    if (typeName === 'Int') return name.toLowerCase().includes('ttl') ? rnd.pick([60, 900, 3_600]) : rnd.int(1, 20);
    if (typeName === 'Boolean') return rnd.chance(0.5);
    const aws = AWS_SCALARS[typeName];
    if (aws) return rnd.pick(aws.valid);
    const n = name.toLowerCase();
    if (n === 'currency') return 'EUR';
    if (n.includes('scope')) return rnd.pick(['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read']);
    if (n.includes('request') || n.includes('idempotency')) return `rq-${rnd.int(0, 40)}`;
    if (n.includes('id') || n.includes('key')) return idFor(name, o);
    return `s-${rnd.int(0, 1_000)}`;
  }
  switch (typeName) {
    case 'Int':
      if (rnd.chance(0.45)) return rnd.int(0, 120);
      return rnd.chance(0.85) ? rnd.pick(INT_EDGES) : rnd.pick(FLOAT_EDGES);
    case 'Float':
      return rnd.chance(0.5) ? rnd.pick(FLOAT_EDGES) : rnd.pick(INT_EDGES);
    case 'Boolean':
      return rnd.chance(0.9) ? rnd.chance(0.5) : rnd.pick(['true', 0]);
    case 'ID':
    case 'String':
      if (rnd.chance(0.05)) return rnd.pick([7, 2 ** 53, -1]);
      return stringFor(name, o);
    default: {
      const aws = AWS_SCALARS[typeName];
      if (!aws) return stringFor(name, o);
      return rnd.chance(0.7) ? rnd.pick(aws.valid) : rnd.pick(aws.invalid);
    }
  }
}

/**
 * A value for `type`; `name` is the argument or field name (it steers ids and strings). Usually of
 * the right shape, so that validation passes often enough to reach the resolvers.
 */
export function randomValue(type: GraphQLInputType, name: string, o: ValueOptions, depth = 0): Value {
  const { rnd, tame } = o;
  if (!tame && rnd.chance(0.03)) return wrongType(rnd);
  if (isNonNullType(type)) return !tame && rnd.chance(0.03) ? null : randomValue(type.ofType, name, o, depth);
  if (rnd.chance(tame ? 0.3 : 0.15)) return null;
  if (isListType(type)) {
    const r = tame ? 0.5 : rnd.next();
    const length = r < 0.1 ? 0 : r < 0.85 ? rnd.int(1, 3) : r < 0.95 ? rnd.int(50, 120) : rnd.int(500, 1_500);
    // Wide lists repeat one element: the point is the count, and the body stays small enough to send.
    const first = randomValue(type.ofType, name, o, depth + 1);
    const wide = length > 10 && JSON.stringify(first).length <= 300 ? length : Math.min(length, 3);
    return Array.from({ length: wide }, (_, i) => (i === 0 || wide > 10 ? first : randomValue(type.ofType, name, o, depth + 1)));
  }
  if (isEnumType(type)) {
    if (tame || rnd.chance(0.8)) return rnd.pick(type.getValues()).name;
    return rnd.pick(['NOT_A_VALUE', type.getValues()[0]!.name.toLowerCase(), '', 'ACTIVE ']);
  }
  if (isInputObjectType(type)) {
    const out: { [key: string]: Value } = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type);
      if (required ? !tame && rnd.chance(0.03) : rnd.chance(0.4)) continue;
      out[field.name] = randomValue(field.type, field.name, o, depth + 1);
    }
    if (!tame && rnd.chance(0.05)) out[rnd.pick(['unknownField', '__typename', 'extra'])] = deepValue(rnd, rnd.int(1, 100));
    return out;
  }
  if (isScalarType(type)) return scalarValue(type.name, name, o);
  return null;
}
