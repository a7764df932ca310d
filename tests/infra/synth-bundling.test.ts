/**
 * The one infra test that really bundles the Lambda handlers (local esbuild, no Docker), as
 * `cdk synth` and `cdk deploy` do. Uses the real handler paths: a wired function without
 * `functions/<folder>/index.ts` fails here, as it would fail `cdk synth`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
import { createApp } from '../../infra/stacks/create-app.js';
import { resourcesOf } from './helpers.js';
import { resourceName, wiring } from '../../build/wiring.js';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

let assembly: CloudAssembly;
let template: Record<string, unknown>;
let seconds: number;

beforeAll(async () => {
  const started = performance.now();
  const { app, stack } = createApp({
    stage: 'dev',
    bundles: await buildResolvers(),
    outdir: mkdtempSync(join(tmpdir(), 'stockroom-cdk-bundled-')),
  });
  assembly = app.synth();
  template = assembly.getStackByName(stack.stackName).template as Record<string, unknown>;
  seconds = (performance.now() - started) / 1000;
}, 180_000);

describe('infra synth with Lambda bundling', () => {
  it('bundles every wired function into an ESM asset with a source map that exports handler', () => {
    const fns = resourcesOf(template, 'AWS::Lambda::Function').filter(([, f]) =>
      String((f.Properties as { FunctionName?: string }).FunctionName ?? '').startsWith('stockroom-dev-'),
    );
    expect(fns.map(([, f]) => (f.Properties as { FunctionName: string }).FunctionName).sort()).toEqual(
      Object.keys(wiring.functions)
        .map((n) => resourceName('dev', n))
        .sort(),
    );
    for (const [, fn] of fns) {
      const key = (fn.Properties as { Code: { S3Key: string } }).Code.S3Key.replace(/\.zip$/, '');
      const dir = join(assembly.directory, `asset.${key}`);
      expect(existsSync(dir), `asset directory for ${key}`).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{[^}]*\bhandler\b/);
      // Minified ESM: the createRequire banner comes first, no Docker-built artefact.
      expect(
        code.startsWith('import { createRequire as __stockroomCreateRequire }') ||
          code.startsWith('import{createRequire as __stockroomCreateRequire}'),
      ).toBe(true);
    }
  });

  it('finishes within a minute', () => {
    expect(seconds).toBeLessThan(60);
  });
});
