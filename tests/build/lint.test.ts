/**
 * The build's lint step: `@aws-appsync/eslint-plugin` (recommended, type-aware) on resolvers/**,
 * with the project's own eslint.config.js. The negative cases run in a scratch copy of the
 * project's lint setup, so no bad file ever sits in resolvers/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../build/bundle.js';
import { lintResolvers, LintError } from '../../build/lint.js';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function scratchProject(resolvers: Record<string, string>): string {
  mkdirSync(join(PROJECT_ROOT, '.build'), { recursive: true });
  const dir = mkdtempSync(join(PROJECT_ROOT, '.build', 'lint-'));
  scratch.push(dir);
  copyFileSync(join(PROJECT_ROOT, 'eslint.config.js'), join(dir, 'eslint.config.js'));
  copyFileSync(join(PROJECT_ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'resolvers'));
  copyFileSync(join(PROJECT_ROOT, 'resolvers', 'tsconfig.json'), join(dir, 'resolvers', 'tsconfig.json'));
  for (const [name, code] of Object.entries(resolvers)) writeFileSync(join(dir, 'resolvers', name), code);
  return dir;
}

const ok = `export function request(ctx: { args: { id: string } }) { return { payload: ctx.args.id }; }\nexport function response(ctx: { result: unknown }) { return ctx.result; }\n`;

describe('build/lint', () => {
  it('passes on the project resolvers', async () => {
    await expect(lintResolvers()).resolves.toBeUndefined();
  });

  it.each([
    ['a while loop', 'let i = 0; while (i < 2) { i += 1; }', /While statements are not supported/],
    ['try/catch', 'try { JSON.parse("x"); } catch (e) { return {}; }', /Try statements are not supported/],
    ['++', 'let i = 0; i++;', /The operator \+\+ is not supported/],
    ['a regex literal', 'const r = /a+/; r.test("a");', /[Rr]egex/],
    ['continue', 'for (const x of [1, 2]) { if (x) { continue; } }', /[Cc]ontinue/],
  ])('fails the build on %s', async (_name, body, message) => {
    const dir = scratchProject({
      'Query.bad.ts': `export function request(ctx: { args: { id: string } }) { ${body} return { payload: ctx.args.id }; }\nexport function response(ctx: { result: unknown }) { return ctx.result; }\n`,
    });
    const failure = await lintResolvers(['resolvers/**/*.ts'], dir).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LintError);
    expect((failure as LintError).report).toMatch(message);
  });

  it('accepts the same code without the forbidden construct', async () => {
    await expect(lintResolvers(['resolvers/**/*.ts'], scratchProject({ 'Query.ok.ts': ok }))).resolves.toBeUndefined();
  });
});
