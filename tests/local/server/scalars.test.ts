/**
 * AppSync scalars (devguide scalars.html): valid/invalid values table-driven, and a bad literal or
 * variable is a ValidationError (HTTP 400) before any resolver runs.
 */
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS_PATH } from '../../../build/schema.js';
import type { DataSource } from '../../../local/datasources/types.js';
import type { Principal } from '../../../local/server/auth/authenticate.js';
import { authRules } from '../../../local/server/auth/directives.js';
import { createEngineRunner } from '../../../local/server/graphql.js';
import { installAppSyncScalars, isValidScalar } from '../../../local/server/scalars.js';

const ROWS: [Parameters<typeof isValidScalar>[0], string, boolean][] = [
  ['AWSDateTime', '2024-01-31T12:30:00Z', true],
  ['AWSDateTime', '2024-01-31T12:30:00.123456789+02:00', true],
  ['AWSDateTime', '2024-01-31T12:30Z', true],
  ['AWSDateTime', '2024-01-31T12:30:00', false], // offset is compulsory
  ['AWSDateTime', '2024-02-30T12:30:00Z', false],
  ['AWSDateTime', 'yesterday', false],
  ['AWSDate', '2024-01-31', true],
  ['AWSDate', '2024-01-31Z', true],
  ['AWSDate', '2024-13-01', false],
  ['AWSTime', '12:30', true],
  ['AWSTime', '12:30:00.5-07:00', true],
  ['AWSTime', '25:00', false],
  ['AWSEmail', 'ops@example.com', true],
  ['AWSEmail', 'not an email', false],
  ['AWSEmail', 'a@', false],
  ['AWSURL', 'https://example.com/a/b?c=1', true],
  ['AWSURL', 'mailto:ops@example.com', true],
  ['AWSURL', 'example.com', false],
  ['AWSURL', 'https://example.com/a//b', false],
  ['AWSPhone', '+1 555-555-0100', true],
  ['AWSPhone', '555 0100 12', true],
  ['AWSPhone', 'call me', false],
  ['AWSIPAddress', '10.0.0.1', true],
  ['AWSIPAddress', '10.0.0.0/8', true],
  ['AWSIPAddress', '2001:db8::1', true],
  ['AWSIPAddress', '10.0.0.256', false],
  ['AWSIPAddress', '10.0.0.0/33', false],
];

describe('local/server/scalars', () => {
  it.each(ROWS)('%s %j valid=%s', (scalar, value, valid) => {
    expect(isValidScalar(scalar, value)).toBe(valid);
  });

  const schema = installAppSyncScalars(
    buildSchema(
      `${readFileSync(BUILTINS_PATH, 'utf8')}\ntype Query { echo(at: AWSDateTime, email: AWSEmail, json: AWSJSON, ts: AWSTimestamp): String }`,
    ),
  );
  let calls = 0;
  const ds: DataSource = { kind: 'NONE', invoke: async (request) => ((calls += 1), { result: (request as { payload: unknown }).payload }) };
  const run = createEngineRunner({
    schema,
    resolvers: new Map([
      [
        'Query.echo',
        {
          kind: 'unit',
          id: 'Query.echo',
          code: 'export function request(ctx) { return { payload: JSON.stringify(ctx.args) }; }\nexport function response(ctx) { return ctx.result; }\n',
          dataSource: ds,
        },
      ],
    ]),
    rules: authRules(schema, 'API_KEY'),
    env: {},
    limits: { resolverCount: 10, introspection: true },
    log: () => undefined,
  });
  const principal: Principal = { mode: 'API_KEY', authType: 'API Key Authorization', identity: null, groups: [], deniedFields: new Set() };

  it('hands valid values to the resolver, AWSJSON parsed', async () => {
    const r = await run(
      { query: '{ echo(at: "2024-01-01T00:00:00Z", email: "a@example.com", json: "{\\"a\\":1}", ts: 5) }', variables: {} },
      principal,
      {},
    );
    expect(r.body).toEqual({
      data: { echo: JSON.stringify({ at: '2024-01-01T00:00:00Z', email: 'a@example.com', json: { a: 1 }, ts: 5 }) },
    });
  });

  it.each([
    ['AWSDateTime literal', '{ echo(at: "2024-01-01") }', {}],
    ['AWSEmail literal', '{ echo(email: "nope") }', {}],
    ['AWSJSON literal', '{ echo(json: "{nope") }', {}],
    ['AWSTimestamp literal', '{ echo(ts: "5") }', {}],
    ['AWSDateTime variable', 'query($v: AWSDateTime) { echo(at: $v) }', { v: 'tomorrow' }],
    ['AWSEmail variable', 'query($v: AWSEmail) { echo(email: $v) }', { v: 'x@' }],
    ['AWSJSON variable', 'query($v: AWSJSON) { echo(json: $v) }', { v: '{"a":' }],
  ])('rejects a bad %s with a ValidationError before any resolver runs', async (_name, query, variables) => {
    const before = calls;
    const r = await run({ query, variables }, principal, {});
    expect(r.status).toBe(400);
    expect(r.body.data).toBeNull();
    expect(r.body.errors![0]!.errorType).toBe('ValidationError');
    expect(calls).toBe(before);
  });
});
