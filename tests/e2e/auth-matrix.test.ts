/**
 * The authorization matrix: every field of the schema × every caller (storefront API key, admin,
 * non-admin Cognito user, partner key, IAM, no credential). Generated from schema.graphql, so a new
 * field is covered automatically. The expected outcome comes from this file's own reading of the
 * directive rules (AWS AppSync Developer Guide, "Configuring authorization and authentication to
 * secure your GraphQL APIs"), not from the server's implementation:
 * field directives, else type directives, else only the default mode (API key); cognito_groups
 * need one listed group.
 *
 * Root fields go over HTTP to the running server with real resolvers. Nested fields go through the
 * same engine with stub root resolvers that return a complete object tree, so that every nested
 * field is reached (real data would leave most of them unreachable).
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isInputObjectType,
  parse,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaSource, loadSchema } from '../../build/schema.js';
import { createNoneDataSource } from '../../local/datasources/none.js';
import type { ExecutableResolver } from '../../local/runtime/executor.js';
import { authRules } from '../../local/server/auth/directives.js';
import type { Principal } from '../../local/server/auth/authenticate.js';
import { createEngineRunner } from '../../local/server/graphql.js';
import { installAppSyncScalars } from '../../local/server/scalars.js';
import { startTestApi, type Caller, type TestApi } from './helpers/local-api.js';

// ---- the expected rules, read independently from the SDL ---------------------------------------

type Mode = 'API_KEY' | 'COGNITO' | 'LAMBDA' | 'IAM';
const MODE_OF: Record<string, Mode> = { aws_api_key: 'API_KEY', aws_cognito_user_pools: 'COGNITO', aws_lambda: 'LAMBDA', aws_iam: 'IAM' };
interface Expected {
  modes: Mode[];
  groups: string[] | null;
}

function expectedRules(sdl: string): Map<string, Expected> {
  const rules = new Map<string, Expected>();
  const read = (directives: ObjectTypeDefinitionNode['directives']): Expected | null => {
    const auth = (directives ?? []).filter((d) => d.name.value in MODE_OF);
    if (auth.length === 0) return null;
    let groups: string[] | null = null;
    for (const d of auth) {
      const arg = d.arguments?.find((a) => a.name.value === 'cognito_groups');
      if (arg?.value.kind === 'ListValue') groups = arg.value.values.map((v) => (v.kind === 'StringValue' ? v.value : ''));
    }
    return { modes: auth.map((d) => MODE_OF[d.name.value]!), groups };
  };
  for (const def of parse(sdl).definitions) {
    if (def.kind !== 'ObjectTypeDefinition') continue;
    const onType = read(def.directives);
    for (const field of def.fields ?? [])
      rules.set(`${def.name.value}.${field.name.value}`, read(field.directives) ?? onType ?? { modes: ['API_KEY'], groups: null });
  }
  return rules;
}

interface Who {
  name: string;
  mode: Mode | null;
  groups: string[];
  denied?: string[];
}
const WHO: Who[] = [
  { name: 'api-key', mode: 'API_KEY', groups: [] },
  { name: 'cognito-admin', mode: 'COGNITO', groups: ['admin'] },
  { name: 'cognito-user', mode: 'COGNITO', groups: ['staff'] },
  { name: 'partner', mode: 'LAMBDA', groups: [] },
  { name: 'iam', mode: 'IAM', groups: [] },
  { name: 'none', mode: null, groups: [] },
];

function allowed(rule: Expected | undefined, who: Who, field: string): boolean {
  if (!rule || !who.mode || !rule.modes.includes(who.mode)) return false;
  if (who.mode === 'COGNITO' && rule.groups && !rule.groups.some((g) => who.groups.includes(g))) return false;
  return !(who.denied ?? []).includes(field);
}

const sdl = readSchemaSource();
const expected = expectedRules(sdl);
const schema: GraphQLSchema = installAppSyncScalars(loadSchema());
const roots = (['Query', 'Mutation'] as const).flatMap((t) =>
  Object.values((schema.getType(t) as GraphQLObjectType).getFields()).map((f) => ({ type: t, field: f })),
);

// ---- values and selections generated from the schema -------------------------------------------

const SCALARS: Record<string, unknown> = {
  ID: 'matrix-1',
  String: 'x',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  AWSDateTime: '2024-01-01T00:00:00Z',
  AWSDate: '2024-01-01',
  AWSTime: '12:00:00Z',
  AWSTimestamp: 1,
  AWSEmail: 'a@example.com',
  AWSJSON: '{}',
  AWSURL: 'https://example.com',
  AWSPhone: '+15555550100',
  AWSIPAddress: '127.0.0.1',
};

function inputLiteral(type: GraphQLInputType): string {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return `[${inputLiteral(t.ofType)}]`;
  if (isEnumType(t)) return t.getValues()[0]!.name;
  if (isInputObjectType(t))
    return `{${Object.values(t.getFields())
      .filter((f) => isNonNullType(f.type))
      .map((f) => `${f.name}: ${inputLiteral(f.type)}`)
      .join(', ')}}`;
  return JSON.stringify(SCALARS[(t as { name: string }).name] ?? 'x');
}

function argsOf(field: { args: readonly { name: string; type: GraphQLInputType }[] }): string {
  const required = field.args.filter((a) => isNonNullType(a.type));
  return required.length ? `(${required.map((a) => `${a.name}: ${inputLiteral(a.type)}`).join(', ')})` : '';
}

function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (depth > 4) return '{ __typename }';
  return `{ ${Object.values(named.getFields())
    .map((f) => `${f.name}${argsOf(f)} ${selection(f.type, depth + 1)}`)
    .join(' ')} }`;
}

function fake(type: GraphQLOutputType, depth = 0): unknown {
  const t = getNullableType(type) as GraphQLOutputType;
  if (isListType(t)) return [fake(t.ofType, depth)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isScalarType(t)) return t.name === 'AWSJSON' ? {} : SCALARS[t.name];
  if (isObjectType(t))
    return depth > 4 ? {} : Object.fromEntries(Object.values(t.getFields()).map((f) => [f.name, fake(f.type, depth + 1)]));
  return null;
}

/** Paths where a denial error is expected: the first denied field along each path. */
function expectedDenials(type: GraphQLOutputType, value: unknown, path: (string | number)[], who: Who, out: string[], depth = 0): void {
  const t = getNullableType(type) as GraphQLOutputType;
  if (isListType(t)) return (value as unknown[]).forEach((v, i) => expectedDenials(t.ofType, v, [...path, i], who, out, depth));
  if (!isObjectType(t) || depth > 4) return;
  for (const f of Object.values(t.getFields())) {
    const key = `${t.name}.${f.name}`;
    if (!allowed(expected.get(key), who, key)) out.push([...path, f.name].join('/'));
    else expectedDenials(f.type, (value as Record<string, unknown>)[f.name], [...path, f.name], who, out, depth + 1);
  }
}

// ---- root fields over HTTP ----------------------------------------------------------------------

let api: TestApi;
const callers = new Map<string, Caller>();
beforeAll(async () => {
  api = await startTestApi();
  const { secret } = await api.createPartnerKey('matrix-partner');
  for (const c of [api.apiKey, api.admin, api.user, api.iam, api.none]) callers.set(c.name, c);
  callers.set('partner', api.partner(secret));
});
afterAll(async () => api?.stop());

describe('authorization matrix: root fields over HTTP', () => {
  it('covers every Query and Mutation field of the schema', () => {
    expect(roots.length).toBeGreaterThanOrEqual(expected.size > 0 ? 10 : 0);
    for (const { type, field } of roots) expect(expected.has(`${type}.${field.name}`)).toBe(true);
  });

  for (const who of WHO) {
    it(`${who.name}: allowed and denied exactly as the directives say`, async () => {
      const caller = callers.get(who.name)!;
      const mismatches: string[] = [];
      for (const { type, field } of roots) {
        const key = `${type}.${field.name}`;
        const op = `${type === 'Mutation' ? 'mutation' : 'query'} { ${field.name}${argsOf(field)} ${isObjectType(getNamedType(field.type)) ? '{ __typename }' : ''} }`;
        const r = await api.gql(caller, op);
        if (!who.mode) {
          if (r.status !== 401) mismatches.push(`${key}: expected 401, got ${r.status}`);
          continue;
        }
        const denied = (r.body.errors ?? []).some(
          (e) =>
            e.errorType === 'Unauthorized' &&
            e.message === `Not Authorized to access ${field.name} on type ${type}` &&
            e.path?.[0] === field.name,
        );
        const shouldAllow = allowed(expected.get(key), who, key);
        if (r.status !== 200) mismatches.push(`${key}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
        else if (denied === shouldAllow) mismatches.push(`${key}: expected ${shouldAllow ? 'allowed' : 'denied'}`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

// ---- nested fields through the engine -----------------------------------------------------------

describe('authorization matrix: nested fields', () => {
  const resolvers = new Map<string, ExecutableResolver>();
  for (const { type, field } of roots) {
    const code = `export function request(ctx) { return { payload: ${JSON.stringify(fake(field.type))} }; }\nexport function response(ctx) { return ctx.result; }\n`;
    resolvers.set(`${type}.${field.name}`, { kind: 'unit', id: `${type}.${field.name}`, code, dataSource: createNoneDataSource() });
  }
  const run = createEngineRunner({
    schema,
    resolvers,
    rules: authRules(schema, 'API_KEY'),
    env: {},
    limits: { resolverCount: 10_000, introspection: true },
    log: () => undefined,
  });
  const AUTH_TYPE = {
    API_KEY: 'API Key Authorization',
    COGNITO: 'User Pool Authorization',
    LAMBDA: 'Lambda Authorization',
    IAM: 'IAM Authorization',
  } as const;
  const MODE = { API_KEY: 'API_KEY', COGNITO: 'AMAZON_COGNITO_USER_POOLS', LAMBDA: 'AWS_LAMBDA', IAM: 'AWS_IAM' } as const;
  const whoList: Who[] = [
    ...WHO.filter((w) => w.mode),
    { name: 'partner with deniedFields', mode: 'LAMBDA', groups: [], denied: ['InventoryItem.onHand', 'Query.stockLedger'] },
  ];

  for (const who of whoList) {
    it(`${who.name}: every nested field of every root field`, async () => {
      const principal: Principal = {
        mode: MODE[who.mode!],
        authType: AUTH_TYPE[who.mode!],
        identity: null,
        groups: who.groups,
        deniedFields: new Set(who.denied ?? []),
      };
      const mismatches: string[] = [];
      let checked = 0;
      for (const { type, field } of roots) {
        const op = `${type === 'Mutation' ? 'mutation' : 'query'} { ${field.name}${argsOf(field)} ${selection(field.type)} }`;
        const r = await run({ query: op, variables: {} }, principal, {});
        const got = (r.body.errors ?? [])
          .filter((e) => e.errorType === 'Unauthorized')
          .map((e) => (e.path ?? []).join('/'))
          .sort();
        const want: string[] = [];
        const key = `${type}.${field.name}`;
        if (!allowed(expected.get(key), who, key)) want.push(field.name);
        else expectedDenials(field.type, fake(field.type), [field.name], who, want);
        checked += 1;
        if (JSON.stringify(got) !== JSON.stringify(want.sort()))
          mismatches.push(`${key}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
        const other = (r.body.errors ?? []).filter((e) => e.errorType !== 'Unauthorized');
        if (other.length) mismatches.push(`${key}: unexpected ${JSON.stringify(other)}`);
      }
      expect(checked).toBe(roots.length);
      expect(mismatches).toEqual([]);
    });
  }
});
