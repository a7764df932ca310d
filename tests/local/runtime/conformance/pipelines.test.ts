/**
 * Conformance rows for pipeline resolvers and earlyReturn (AWS AppSync Developer Guide pages
 * resolver-reference-overview-js.html and runtime-utils-js.html): the resolver's
 * before/after handlers and its functions' handlers in, the data-source calls made and the field's
 * value and errors out. Data sources are echoes: what is checked is the order of execution and
 * what each handler sees. Every row cites its source.
 */
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../../../local/datasources/types.js';
import { executeResolver, type FieldInvocation } from '../../../../local/runtime/executor.js';

interface PipelineRow {
  name: string;
  source: string;
  before: string;
  after: string;
  /** [request body, response body] per function. */
  functions: [string, string][];
  /** The payloads the data sources received, in order. */
  calls: unknown[];
  value: unknown;
  errors?: { message: string; errorType: string | null }[];
}

const DOC_PIPELINE = 'DOC resolver-reference-overview-js.html, pipeline resolvers';
const DOC_EARLY = 'DOC runtime-utils-js.html, runtime.earlyReturn';
const DOC_ERRORS = 'DOC resolver-reference-overview-js.html + built-in-util-js.html, util.error';

const rows: PipelineRow[] = [
  {
    name: "the before handler result is the first function's ctx.prev.result",
    source: DOC_PIPELINE,
    before: 'return { n: 1 };',
    after: 'return ctx.prev.result;',
    functions: [['return { payload: ctx.prev.result.n + 1 };', 'return ctx.result;']],
    calls: [2],
    value: 2,
  },
  {
    name: "each function response becomes the next function's ctx.prev.result",
    source: DOC_PIPELINE,
    before: 'return 1;',
    after: 'return ctx.prev.result;',
    functions: [
      ['return { payload: ctx.prev.result * 10 };', 'return ctx.result + 1;'],
      ['return { payload: ctx.prev.result * 10 };', 'return ctx.result + 1;'],
    ],
    calls: [10, 110],
    value: 111,
  },
  {
    name: 'the after handler sees the last function output as both ctx.prev.result and ctx.result',
    source: DOC_PIPELINE,
    before: 'return {};',
    after: 'return [ctx.prev.result, ctx.result];',
    functions: [['return { payload: "x" };', 'return ctx.result + "!";']],
    calls: ['x'],
    value: ['x!', 'x!'],
  },
  {
    name: 'ctx.stash is shared by every handler of one resolution',
    source: DOC_PIPELINE,
    before: 'ctx.stash.trail = ["before"]; return {};',
    after: 'ctx.stash.trail.push("after"); return ctx.stash.trail;',
    functions: [
      ['ctx.stash.trail.push("f1.req"); return { payload: 1 };', 'ctx.stash.trail.push("f1.res"); return 1;'],
      ['ctx.stash.trail.push("f2.req"); return { payload: 2 };', 'ctx.stash.trail.push("f2.res"); return 2;'],
    ],
    calls: [1, 2],
    value: ['before', 'f1.req', 'f1.res', 'f2.req', 'f2.res', 'after'],
  },
  {
    name: 'ctx.args and ctx.arguments are the same in every step',
    source: 'DOC resolver-context-reference-js.html',
    before: 'return ctx.args.id;',
    after: 'return ctx.arguments.id + ctx.prev.result;',
    functions: [['return { payload: ctx.arguments.id };', 'return ctx.result;']],
    calls: ['a1'],
    value: 'a1a1',
  },
  {
    name: 'earlyReturn in a function request skips its data source and response; the pipeline goes on',
    source: DOC_EARLY,
    before: 'return {};',
    after: 'return ctx.prev.result;',
    functions: [
      ['runtime.earlyReturn("skipped");', 'return "never";'],
      ['return { payload: ctx.prev.result + "+f2" };', 'return ctx.result;'],
    ],
    calls: ['skipped+f2'],
    value: 'skipped+f2',
  },
  {
    name: 'earlyReturn with skipTo END jumps to the after handler',
    source: DOC_EARLY,
    before: 'return {};',
    after: 'return { prev: ctx.prev.result, result: ctx.result };',
    functions: [
      ['runtime.earlyReturn("end", { skipTo: "END" });', 'return "never";'],
      ['return { payload: "f2" };', 'return ctx.result;'],
    ],
    calls: [],
    value: { prev: 'end', result: 'end' },
  },
  {
    name: 'earlyReturn in the before handler skips every function',
    source: DOC_EARLY,
    before: 'runtime.earlyReturn({ cached: 1 });',
    after: 'return ctx.prev.result;',
    functions: [['return { payload: 1 };', 'return ctx.result;']],
    calls: [],
    value: { cached: 1 },
  },
  {
    name: 'util.error in a function stops the pipeline: later functions and the after handler do not run',
    source: DOC_ERRORS,
    before: 'return {};',
    after: 'return "after";',
    functions: [
      ['return { payload: 1 };', 'util.error("stop", "Stopped");'],
      ['return { payload: 2 };', 'return ctx.result;'],
    ],
    calls: [1],
    value: null,
    errors: [{ message: 'stop', errorType: 'Stopped' }],
  },
  {
    name: 'util.appendError keeps the pipeline going and the value',
    source: DOC_ERRORS,
    before: 'util.appendError("noted", "Warn"); return {};',
    after: 'return "done";',
    functions: [['return { payload: 1 };', 'util.appendError("again"); return ctx.result;']],
    calls: [1],
    value: 'done',
    errors: [
      { message: 'noted', errorType: 'Warn' },
      { message: 'again', errorType: null },
    ],
  },
  {
    name: 'util.error in the after handler nulls the field after every function ran',
    source: DOC_ERRORS,
    before: 'return {};',
    after: 'util.error("late", "Late");',
    functions: [['return { payload: 1 };', 'return ctx.result;']],
    calls: [1],
    value: null,
    errors: [{ message: 'late', errorType: 'Late' }],
  },
];

const input: FieldInvocation = {
  arguments: { id: 'a1' },
  identity: null,
  source: null,
  request: { headers: {}, domainName: null },
  info: { fieldName: 'f', parentTypeName: 'Query' },
  env: {},
  authType: 'API Key Authorization',
};

const mod = (request: string, response: string) =>
  `import { util, runtime } from '@aws-appsync/utils';\nexport function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }\n`;

describe('APPSYNC_JS conformance: pipelines and earlyReturn', () => {
  it('every row cites a source', () => {
    for (const row of rows) expect(row.source).toMatch(/^(DOC|AWS-REC|TYPES|COMMUNITY|INFERRED) /);
  });

  it.each(rows)('$name', async (row) => {
    const calls: unknown[] = [];
    const echo: DataSource = {
      kind: 'NONE',
      invoke: async (request) => (
        calls.push((request as { payload: unknown }).payload),
        { result: (request as { payload: unknown }).payload }
      ),
    };
    const out = await executeResolver(
      {
        kind: 'pipeline',
        id: 'Query.f',
        code: mod(row.before, row.after),
        functions: row.functions.map(([rq, rs], i) => ({ id: `Query.f/0${i + 1}`, code: mod(rq, rs), dataSource: echo })),
      },
      input,
    );
    expect(calls).toEqual(row.calls);
    expect(out.value).toEqual(row.value);
    expect(out.errors.map((e) => ({ message: e.message, errorType: e.errorType }))).toEqual(row.errors ?? []);
  });
});
