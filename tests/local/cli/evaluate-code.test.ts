import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../../bin/stockroom.mjs');
const dir = mkdtempSync(join(tmpdir(), 'stockroom-eval-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ctx = file('ctx.json', JSON.stringify({ arguments: { id: 'p1' }, stash: { seen: true } }));

describe('stockroom evaluate-code', () => {
  it('prints the EvaluateCode shape for a JavaScript file', async () => {
    const code = file(
      'get.js',
      `import { util } from '@aws-appsync/utils';\nimport * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { console.log('id', ctx.args.id); ctx.stash.more = 1; util.appendError('soft', 'Warn'); return ddb.get({ key: { id: ctx.args.id } }); }\nexport function response(ctx) { return ctx.result; }\n`,
    );
    const out = await cli(['evaluate-code', '--code', code, '--context', ctx, '--function', 'request']);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(Object.keys(result).sort()).toEqual(['error', 'evaluationResult', 'logs', 'outErrors', 'stash']);
    // AWS-REC (localstack/appsync-utils index.test.js.snap): get({key:{id}}) → GetItem with typed key.
    expect(JSON.parse(result.evaluationResult)).toEqual({ operation: 'GetItem', key: { id: { S: 'p1' } } });
    expect(result.error).toBeNull();
    expect(result.logs).toEqual(['id p1']);
    expect(JSON.parse(result.stash)).toEqual({ seen: true, more: 1 });
    expect(JSON.parse(result.outErrors)).toEqual([{ message: 'soft', errorType: 'Warn', data: null, errorInfo: null }]);
  });

  it('bundles a TypeScript file with the project bundler first', async () => {
    const code = file(
      'put.ts',
      `import { util, type Context } from '@aws-appsync/utils';\nexport function request(ctx: Context<{ id: string }>) { return { operation: 'PutItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) }; }\nexport function response(ctx: Context) { return ctx.result; }\n`,
    );
    const out = await cli(['evaluate-code', '--code', code, '--context', ctx, '--function', 'request']);
    expect(out.code).toBe(0);
    expect(JSON.parse(JSON.parse(out.stdout).evaluationResult)).toEqual({ operation: 'PutItem', key: { id: { S: 'p1' } } });
  });

  it('accepts the --runtime flag of aws appsync evaluate-code', async () => {
    const code = file('rt.js', `export function request(ctx) { return { ok: true }; }\nexport function response(ctx) { return null; }\n`);
    const out = await cli([
      'evaluate-code',
      '--runtime',
      'name=APPSYNC_JS,runtimeVersion=1.0.0',
      '--code',
      code,
      '--context',
      ctx,
      '--function',
      'request',
    ]);
    expect(out.code).toBe(0);
    expect(JSON.parse(JSON.parse(out.stdout).evaluationResult)).toEqual({ ok: true });
    const vtl = await cli(['evaluate-code', '--runtime', 'name=VTL,runtimeVersion=1.0.0', '--code', code, '--context', ctx]);
    expect(vtl.code).toBe(2);
    expect(vtl.stderr).toMatch(/--runtime must be/);
  });

  it('reports util.error in "error" and still exits 0', async () => {
    const code = file(
      'err.js',
      `import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.error('bad input', 'ValidationError'); }\nexport function response(ctx) { return null; }\n`,
    );
    const out = await cli(['evaluate-code', '--code', code, '--context', ctx, '--function', 'request']);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.evaluationResult).toBeNull();
    expect(result.error).toEqual({ message: 'bad input', codeErrors: [] });
  });

  it('prefixes a runtime error with code.js:LINE:COL like AWS', async () => {
    const code = file(
      'crash.js',
      `export function request(ctx) {\n  return ctx.args.missing.deeper;\n}\nexport function response(ctx) { return null; }\n`,
    );
    const result = JSON.parse((await cli(['evaluate-code', '--code', code, '--context', ctx, '--function', 'request'])).stdout);
    expect(result.error.message).toMatch(/^code\.js:2:\d+: TypeError: /);
  });

  it('evaluates the response handler with ctx.result from the context file', async () => {
    const code = file(
      'resp.js',
      `export function request(ctx) { return {}; }\nexport function response(ctx) { return { n: ctx.result.n * 2 }; }\n`,
    );
    const c = file('ctx-result.json', JSON.stringify({ result: { n: 21 } }));
    const result = JSON.parse((await cli(['evaluate-code', '--code', code, '--context', c, '--function', 'response'])).stdout);
    expect(JSON.parse(result.evaluationResult)).toEqual({ n: 42 });
  });

  it.each([
    [['evaluate-code', '--context', ctx], /--code is required/],
    [['evaluate-code', '--code', '/nonexistent.js', '--context', ctx], /code file not found/],
    [['evaluate-code', '--code', ctx, '--context', ctx, '--function', 'both'], /--function must be/],
    [['evaluate-code', '--code', ctx, '--context', ctx, '--bogus'], /unknown flag --bogus/],
  ])('fails with a clear message on misuse: %j', async (args, message) => {
    const out = await cli(args);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('fails on a context file that is not JSON', async () => {
    const bad = file('bad.json', '{not json');
    const code = file('ok.js', `export function request(ctx) { return {}; }\nexport function response(ctx) { return null; }\n`);
    const out = await cli(['evaluate-code', '--code', code, '--context', bad]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not valid JSON/);
  });

  it('prints help', async () => {
    const out = await cli(['--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/evaluate-code/);
  });
});
