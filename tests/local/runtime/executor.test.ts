/**
 * Pipeline and unit semantics of the executor (AWS AppSync Developer Guide pages
 * resolver-reference-overview-js.html and runtime-utils-js.html), table-driven where the
 * expected value is documented. Data sources here are in-test echoes: what is under test is
 * the order of handler calls and what each handler sees.
 */
import { describe, expect, it } from 'vitest';
import type { DataSource, DataSourceOutcome } from '../../../local/datasources/types.js';
import { executeResolver, RUNTIME_ERROR_TYPE, type ExecutableResolver, type FieldInvocation } from '../../../local/runtime/executor.js';

const input: FieldInvocation = {
  arguments: { id: 'a1' },
  identity: null,
  source: null,
  request: { headers: {}, domainName: null },
  info: { fieldName: 'f', parentTypeName: 'Query' },
  env: { TABLE_NAME: 't' },
  authType: 'API Key Authorization',
};

/** Echoes `payload`, or fails with `error` when the request asks for it; records each request. */
function echo(calls: unknown[]): DataSource {
  return {
    kind: 'NONE',
    invoke: async (request): Promise<DataSourceOutcome> => {
      calls.push(request);
      const r = request as { payload?: unknown; fail?: boolean };
      return r.fail
        ? { result: { partial: true }, error: { message: 'boom', type: 'DynamoDB:ConditionalCheckFailedException' } }
        : { result: r.payload };
    },
  };
}

const mod = (request: string, response: string) =>
  `import { util, runtime } from '@aws-appsync/utils';\nexport function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }\n`;

function pipeline(before: string, after: string, fns: [string, string][], calls: unknown[] = []): ExecutableResolver {
  return {
    kind: 'pipeline',
    id: 'Query.f',
    code: mod(before, after),
    functions: fns.map(([rq, rs], i) => ({ id: `Query.f/0${i + 1}`, code: mod(rq, rs), dataSource: echo(calls) })),
  };
}

describe('local/runtime/executor (unit resolvers)', () => {
  it('passes the request to the data source and the result to response (DOC resolver-reference-overview-js)', async () => {
    const calls: unknown[] = [];
    const out = await executeResolver(
      {
        kind: 'unit',
        id: 'Query.f',
        code: mod('return { payload: ctx.args.id + "!" };', 'return { got: ctx.result, env: ctx.env.TABLE_NAME };'),
        dataSource: echo(calls),
      },
      input,
    );
    expect(calls).toEqual([{ payload: 'a1!' }]);
    expect(out.value).toEqual({ got: 'a1!', env: 't' });
    expect(out.errors).toEqual([]);
  });

  it('skips the data source and response on earlyReturn in request (DOC runtime-utils-js)', async () => {
    const calls: unknown[] = [];
    const out = await executeResolver(
      { kind: 'unit', id: 'Query.f', code: mod('runtime.earlyReturn({ early: 1 });', 'return "never";'), dataSource: echo(calls) },
      input,
    );
    expect(calls).toEqual([]);
    expect(out.value).toEqual({ early: 1 });
  });

  it('does not report a data-source error unless the response handler raises it (DOC resolver-reference-overview-js.html)', async () => {
    const silent = await executeResolver(
      {
        kind: 'unit',
        id: 'Query.f',
        code: mod('return { fail: true };', 'return ctx.error ? ctx.error.type : "none";'),
        dataSource: echo([]),
      },
      input,
    );
    expect(silent.value).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(silent.errors).toEqual([]);
    const raised = await executeResolver(
      {
        kind: 'unit',
        id: 'Query.f',
        code: mod('return { fail: true };', 'util.error(ctx.error.message, ctx.error.type, ctx.result);'),
        dataSource: echo([]),
      },
      input,
    );
    expect(raised.value).toBeNull();
    expect(raised.errors).toEqual([
      { message: 'boom', errorType: 'DynamoDB:ConditionalCheckFailedException', data: { partial: true }, errorInfo: null },
    ]);
  });

  it('keeps the value and lists appended errors (DOC util.appendError)', async () => {
    const out = await executeResolver(
      {
        kind: 'unit',
        id: 'Query.f',
        code: mod('return { payload: 1 };', 'util.appendError("warn", "W"); return ctx.result + 1;'),
        dataSource: echo([]),
      },
      input,
    );
    expect(out.value).toBe(2);
    expect(out.errors).toEqual([{ message: 'warn', errorType: 'W', data: null, errorInfo: null }]);
  });

  it('turns a runtime error into a generic field error without internal text', async () => {
    const out = await executeResolver(
      { kind: 'unit', id: 'Query.f', code: mod('return ctx.args.nothing.deeper;', 'return 1;'), dataSource: echo([]) },
      input,
    );
    expect(out.value).toBeNull();
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.errorType).toBe(RUNTIME_ERROR_TYPE);
    expect(out.errors[0]!.message).not.toMatch(/undefined|deeper|TypeError/);
  });

  it('gives each resolution its own arguments copy and stash', async () => {
    const r: ExecutableResolver = {
      kind: 'unit',
      id: 'Query.f',
      code: mod('ctx.args.id = "changed"; ctx.stash.n = (ctx.stash.n || 0) + 1; return { payload: ctx.stash.n };', 'return ctx.result;'),
      dataSource: echo([]),
    };
    expect((await executeResolver(r, input)).value).toBe(1);
    expect((await executeResolver(r, input)).value).toBe(1);
    expect(input.arguments).toEqual({ id: 'a1' });
  });
});

describe('local/runtime/executor (pipelines, DOC resolver-reference-overview-js.html, pipeline resolvers)', () => {
  it('threads prev.result through functions and shares the stash', async () => {
    const calls: unknown[] = [];
    const r = pipeline(
      'ctx.stash.trail = ["before"]; return { start: 1 };',
      'ctx.stash.trail.push("after"); return { prev: ctx.prev.result, result: ctx.result, trail: ctx.stash.trail };',
      [
        ['ctx.stash.trail.push("f1"); return { payload: ctx.prev.result.start + 1 };', 'return ctx.result * 10;'],
        ['ctx.stash.trail.push("f2"); return { payload: ctx.prev.result + 1 };', 'return ctx.result;'],
      ],
      calls,
    );
    const out = await executeResolver(r, input);
    expect(calls).toEqual([{ payload: 2 }, { payload: 21 }]);
    expect(out.value).toEqual({ prev: 21, result: 21, trail: ['before', 'f1', 'f2', 'after'] });
  });

  it('earlyReturn in a function request skips its data source and response, and continues (NEXT)', async () => {
    const calls: unknown[] = [];
    const r = pipeline(
      'return {};',
      'return ctx.prev.result;',
      [
        ['runtime.earlyReturn("skipped-1");', 'return "never";'],
        ['return { payload: ctx.prev.result + "+f2" };', 'return ctx.result;'],
      ],
      calls,
    );
    const out = await executeResolver(r, input);
    expect(calls).toEqual([{ payload: 'skipped-1+f2' }]);
    expect(out.value).toBe('skipped-1+f2');
  });

  it('earlyReturn with skipTo END jumps to the resolver response', async () => {
    const calls: unknown[] = [];
    const r = pipeline(
      'return {};',
      'return { prev: ctx.prev.result, result: ctx.result };',
      [
        ['runtime.earlyReturn("stop-here", { skipTo: "END" });', 'return "never";'],
        ['return { payload: "f2" };', 'return ctx.result;'],
      ],
      calls,
    );
    const out = await executeResolver(r, input);
    expect(calls).toEqual([]);
    expect(out.value).toEqual({ prev: 'stop-here', result: 'stop-here' });
  });

  it('earlyReturn in the pipeline request skips every function', async () => {
    const calls: unknown[] = [];
    const r = pipeline(
      'runtime.earlyReturn({ cached: true });',
      'return { prev: ctx.prev.result };',
      [['return { payload: 1 };', 'return ctx.result;']],
      calls,
    );
    const out = await executeResolver(r, input);
    expect(calls).toEqual([]);
    expect(out.value).toEqual({ prev: { cached: true } });
  });

  it('util.error in a function stops the pipeline and nulls the field', async () => {
    const calls: unknown[] = [];
    const r = pipeline(
      'return {};',
      'return "after";',
      [
        ['util.error("no stock", "InsufficientStock", null, { lines: [1] });', 'return 1;'],
        ['return { payload: "f2" };', 'return ctx.result;'],
      ],
      calls,
    );
    const out = await executeResolver(r, input);
    expect(calls).toEqual([]);
    expect(out.value).toBeNull();
    expect(out.errors).toEqual([{ message: 'no stock', errorType: 'InsufficientStock', data: null, errorInfo: { lines: [1] } }]);
  });

  it('a function response sees ctx.error of its own data source only', async () => {
    const r = pipeline('return {};', 'return ctx.prev.result;', [
      ['return { fail: true };', 'return ctx.error ? "f1:" + ctx.error.type : "f1:ok";'],
      ['return { payload: ctx.prev.result };', 'return ctx.error ? "f2:error" : ctx.result + "|f2:ok";'],
    ]);
    const out = await executeResolver(r, input);
    expect(out.value).toBe('f1:DynamoDB:ConditionalCheckFailedException|f2:ok');
  });

  it('util.unauthorized stops with an Unauthorized error', async () => {
    const r = pipeline('util.unauthorized();', 'return 1;', []);
    const out = await executeResolver(r, input);
    expect(out.value).toBeNull();
    expect(out.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Unauthorized' });
  });
});
