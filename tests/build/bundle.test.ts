import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildResolvers,
  bundleResolver,
  BundleError,
  checkBundle,
  discoverResolvers,
  discoverSharedFunctions,
  MAX_BUNDLE_CHARS,
  RESOLVERS_DIR,
} from '../../build/bundle.js';

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-bundle-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const OK = `import { util } from '@aws-appsync/utils';\nexport function request(ctx) { return { payload: util.autoId() }; }\nexport function response(ctx) { return ctx.result; }\n`;

describe('build/bundle', () => {
  it('bundles every project resolver under the AppSync limits with only @aws-appsync imports', async () => {
    const built = await buildResolvers();
    expect(built.size).toBeGreaterThan(0);
    for (const r of built.values()) {
      for (const b of [r.bundle, ...r.steps.map((s) => s.bundle)]) {
        expect(b.code.length).toBeLessThanOrEqual(MAX_BUNDLE_CHARS);
        expect(b.code).not.toMatch(/sourceMappingURL|sourcesContent/);
        const imports = [...b.code.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);
        for (const spec of imports) expect(spec).toMatch(/^@aws-appsync\/utils/);
        expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('keeps @aws-appsync/utils external and inlines shared helpers', async () => {
    const dir = scratch({
      'Query.a.ts': `import { util } from '@aws-appsync/utils';\nimport { double } from './lib/h';\nexport function request(ctx) { return { payload: double(2) }; }\nexport function response(ctx) { return util.autoId(); }\n`,
      'lib/h.ts': `export function double(n: number) { return n * 2; }\n`,
    });
    const b = await bundleResolver(join(dir, 'Query.a.ts'));
    expect(b.code).toContain('from "@aws-appsync/utils"');
    expect(b.code).toContain('function double');
  });

  it('rejects a bundle over 32,768 characters', () => {
    const big = `${OK}\nexport const pad = "${'x'.repeat(MAX_BUNDLE_CHARS)}";`;
    expect(() => checkBundle('/x/Query.big.ts', big)).toThrow(/32768/);
  });

  it('rejects a bundle that imports anything but @aws-appsync/*', async () => {
    const dir = scratch({
      'Query.b.ts': `import { x } from 'some-missing-package';\nexport function request() { return x; }\nexport function response() { return null; }\n`,
    });
    await expect(bundleResolver(join(dir, 'Query.b.ts'))).rejects.toBeInstanceOf(BundleError);
    expect(() => checkBundle('/x/Query.b.ts', `import fs from "node:fs";\n${OK}`)).toThrow(/node:fs/);
  });

  it('rejects down-levelling helpers and CommonJS', () => {
    expect(() => checkBundle('/x/q.ts', `var __spreadValues = (a) => a;\n${OK}`)).toThrow(/__spreadValues/);
    expect(() => checkBundle('/x/q.ts', `const f = require("x");\n${OK}`)).toThrow(/require/);
  });

  it('requires both request and response exports', async () => {
    const dir = scratch({ 'Query.c.ts': `export function request() { return {}; }\n` });
    await expect(bundleResolver(join(dir, 'Query.c.ts'))).rejects.toThrow(/must export "response"/);
  });

  it('discovers unit files and pipeline folders by name and rejects other names', () => {
    const dir = scratch({
      'Query.one.ts': OK,
      'Mutation.two/index.ts': OK,
      'Mutation.two/01.load.ts': OK,
      'Mutation.two/02.write.ts': OK,
      'lib/shared.ts': 'export const a = 1;',
    });
    const found = discoverResolvers(dir);
    expect(found.map((f) => [f.field, f.kind])).toEqual([
      ['Mutation.two', 'pipeline'],
      ['Query.one', 'unit'],
    ]);
    const pipeline = found[0]!;
    expect(pipeline.kind === 'pipeline' && pipeline.steps.map((s) => s.file)).toEqual(['01.load', '02.write']);
    expect(() => discoverResolvers(scratch({ 'stockLevel.ts': OK }))).toThrow(/<Type>\.<field>\.ts/);
    expect(() => discoverResolvers(scratch({ 'Mutation.x/index.ts': OK, 'Mutation.x/load.ts': OK }))).toThrow(/NN\.<step>\.ts/);
  });

  it('discovers shared pipeline functions in functions/, apart from the resolvers', () => {
    const dir = scratch({ 'Query.one.ts': OK, 'functions/loadThing.ts': OK, 'functions/writeThing.ts': OK });
    expect(discoverResolvers(dir).map((f) => f.field)).toEqual(['Query.one']);
    expect(discoverSharedFunctions(dir).map((f) => f.name)).toEqual(['loadThing', 'writeThing']);
    expect(() => discoverSharedFunctions(scratch({ 'functions/01.load.ts': OK }))).toThrow(/<name>\.ts/);
  });

  it('bundles each shared function once and puts it in every pipeline that runs it, in wiring order', async () => {
    const built = await buildResolvers();
    const reserve = built.get('Mutation.reserveStock')!;
    const commit = built.get('Mutation.commitStock')!;
    expect(reserve.steps.map((s) => [s.file, s.shared === true])).toEqual([
      ['loadWarehouses', true],
      ['loadStock', true],
      ['03.reserve', false],
      ['04.loadOriginal', false],
    ]);
    expect(commit.steps[1]!.bundle).toBe(reserve.steps[1]!.bundle);
  });
});

describe('build/bundle determinism', () => {
  it('produces the same bytes whatever the working directory', async () => {
    const entry = join(RESOLVERS_DIR, 'Query.stockLevel.ts');
    const here = await bundleResolver(entry);
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect((await bundleResolver(entry)).sha256).toBe(here.sha256);
    } finally {
      process.chdir(cwd);
    }
  });
});
