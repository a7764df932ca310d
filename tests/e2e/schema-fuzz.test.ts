/**
 * Schema fuzz: every query, mutation and subscription field of schema.graphql (read from the
 * schema, not listed by hand), called with random arguments by every kind of caller, against the
 * local API on DynamoDB Local. Every call must answer without a 5xx, with data or typed errors and
 * no internal text; every refused mutation must leave the table exactly as it was (a Scan before
 * and after). Seeded: the seed is printed, `FUZZ_SEED=<n>` replays a run. Bounded in calls and time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { loadSchema } from '../../build/schema.js';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';
import { buildOperation, rootFields, type RootField } from './fuzz/operations.js';
import { createRandom, fuzzSeed } from './fuzz/random.js';
import { randomValue, type IdPool, type Value } from './fuzz/values.js';
import { isRefused, problemsOf } from './fuzz/verdict.js';
import { diffSnapshots, snapshotTable, type TableSnapshot } from './fuzz/snapshot.js';
import { KNOWN_ISSUES, type FuzzCall } from './fuzz/known-issues.js';

const MAX_CALLS = Number(process.env.FUZZ_MAX_CALLS ?? 450);
/** Past this, only the plan that covers every field × caller still runs. */
const TIME_BUDGET_MS = Number(process.env.FUZZ_TIME_BUDGET_MS ?? 15_000);
/** Bodies past this are regenerated: the body limit is tested once, not paid for on every call. */
const MAX_BODY_CHARS = 1_200_000;

const PRODUCTS = ['fz-p1', 'fz-p2'];
const WAREHOUSES = ['fz-w1', 'fz-w2'];

let api: TestApi;
let callers: Caller[];
let writers: Caller[];
const pool: IdPool = {
  products: [...PRODUCTS, 'fz-none'],
  warehouses: [...WAREHOUSES, 'fz-nowhere'],
  partners: ['fz-partner-a', 'fz-partner-b'],
  customers: ['cust-1', 'cust-2'],
  records: [],
  keys: [],
};

beforeAll(async () => {
  // No schedules (the sweeper would write between two snapshots); the authorizer's result is
  // cached for the whole run, so its once-a-minute lastUsedAt write cannot land mid-comparison.
  api = await startTestApi({ schedules: false, authorizerTtlSeconds: 3_600 });
  const full = await api.createPartnerKey('fz-partner-a');
  const readOnly = await api.createPartnerKey('fz-partner-b', ['inventory:read']);
  const partner = api.partner(full.secret, 'partner-all-scopes');
  callers = [api.apiKey, api.admin, api.user, api.iam, api.none, partner, api.partner(readOnly.secret, 'partner-read-only')];
  writers = [api.admin, partner];
  for (const productId of PRODUCTS) {
    for (const warehouseId of WAREHOUSES) {
      const r = await api.gql(api.admin, 'mutation($i: SetStockInput!) { setStock(input: $i) { version } }', {
        i: { productId, warehouseId, onHand: 500, threshold: 5 },
      });
      expect(r.body.errors).toBeUndefined();
    }
  }
  for (const caller of callers) await api.gql(caller, 'query { stockLevel(productId: "fz-p1", warehouseId: "fz-w1") { onHand } }');
  await api.s.drainStreams();
});
afterAll(async () => api?.stop());

/** Ids a successful mutation returned, so later calls can act on real records. */
function harvest(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(harvest);
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'id' && typeof v === 'string' && !pool.records.includes(v)) pool.records.push(v);
    else if (k === 'keyId' && typeof v === 'string' && !pool.keys.includes(v)) pool.keys.push(v);
    else harvest(v);
  }
}

/** Half the calls are tame (plausible arguments that reach the resolvers), half hostile. */
function argumentsFor(root: RootField, rnd: ReturnType<typeof createRandom>): Record<string, Value> {
  const args: Record<string, Value> = {};
  const tame = rnd.chance(0.5);
  for (const a of root.field.args) {
    const required = a.type.toString().endsWith('!');
    if (required ? !tame && rnd.chance(0.03) : rnd.chance(0.5)) continue;
    args[a.name] = randomValue(a.type, a.name, { rnd, pool, tame });
  }
  return args;
}

const clip = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);

it(
  'answers every field, argument and caller without a 5xx, an untyped error, leaked internals or a write by a refused mutation',
  { timeout: 90_000 },
  async () => {
    const seed = fuzzSeed();
    console.log(`schema fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npx vitest run tests/e2e/schema-fuzz.test.ts)`);
    const rnd = createRandom(seed);
    const roots = rootFields(loadSchema());
    const plan = rnd.shuffle(roots.flatMap((root) => callers.map((caller) => ({ root, caller }))));
    const client = createDynamoClient(api.s.dynamoEndpoint);
    const failures: string[] = [];
    const known = new Map<string, number>();
    /** How calls ended (HTTP status and first errorType, or ok): shows the run reached the resolvers. */
    const outcomes = new Map<string, number>();
    const covered = new Set<string>();
    const startedAt = Date.now();
    let calls = 0;
    let refusedMutations = 0;
    let succeeded = 0;
    let dirty = false;
    let unchanged: TableSnapshot | undefined;
    try {
      for (let i = 0; i < MAX_CALLS && (i < plan.length || Date.now() - startedAt < TIME_BUDGET_MS); i += 1) {
        // Past the plan, callers that may write get most calls: deeper states (holds, orders, keys).
        const { root, caller } =
          i < plan.length ? plan[i]! : { root: rnd.pick(roots), caller: rnd.chance(0.7) ? rnd.pick(writers) : rnd.pick(callers) };
        let op = buildOperation(root, argumentsFor(root, rnd), rnd.chance(0.3));
        for (let tries = 0; tries < 5 && JSON.stringify(op).length > MAX_BODY_CHARS; tries += 1)
          op = buildOperation(root, argumentsFor(root, rnd), rnd.chance(0.3));
        const call: FuzzCall = { field: `${root.kind}.${root.field.name}`, caller: caller.name, query: op.query, variables: op.variables };
        const isMutation = root.kind === 'mutation';
        if (isMutation && dirty) {
          // A success before wrote the table and fed the stream functions (ledger): let them finish.
          await api.s.drainStreams();
          dirty = false;
        }
        // Refused calls leave the table as it was (checked below), so the last snapshot still holds
        // until a call succeeds: one Scan per refused mutation instead of two. Should a query ever
        // write, the next refused mutation's comparison reports it (never hides it).
        const before = isMutation ? (unchanged ?? (await snapshotTable(client, api.s.tableName))) : undefined;
        const response = await api.gql(caller, op.query, op.variables);
        calls += 1;
        covered.add(`${call.field} ${call.caller}`);
        const problems = problemsOf(response);
        const outcome = isRefused(response) ? `${response.status} ${response.body.errors?.[0]?.errorType ?? 'no data'}` : 'ok';
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (isMutation && isRefused(response)) {
          refusedMutations += 1;
          const after = await snapshotTable(client, api.s.tableName);
          const diff = diffSnapshots(before!, after);
          unchanged = after;
          if (diff.length > 0) problems.push(`refused mutation changed the table:\n    ${diff.slice(0, 5).map(clip).join('\n    ')}`);
        } else if (!isRefused(response)) {
          succeeded += 1;
          if (isMutation) {
            dirty = true;
            unchanged = undefined;
            harvest(response.body.data);
          }
        }
        if (problems.length === 0) continue;
        const issue = KNOWN_ISSUES.find((k) => k.matches(call, response, problems));
        if (issue) known.set(issue.name, (known.get(issue.name) ?? 0) + 1);
        else
          failures.push(
            `${call.field} as ${call.caller} (HTTP ${response.status}): ${problems.join('; ')}\n  query: ${clip(op.query)}\n  variables: ${clip(JSON.stringify(op.variables))}\n  response: ${clip(JSON.stringify(response.body))}`,
          );
      }
    } finally {
      client.destroy();
    }
    console.log(
      `schema fuzz: ${calls} calls in ${Date.now() - startedAt} ms, ${succeeded} succeeded, ${refusedMutations} refused mutations compared, known issues ${JSON.stringify(Object.fromEntries(known))}, outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(failures, `seed ${seed}`).toEqual([]);
    // Every field was called by every caller at least once.
    expect(covered.size).toBe(plan.length);
    // The run must reach resolvers, not only validation: some calls succeed.
    expect(succeeded).toBeGreaterThan(0);
  },
);
