import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers, type BuiltResolver } from '../../build/bundle.js';
import { FIXTURE_OPTIONS, fixtureBundles } from './fixtures/full-wiring.js';
import { synth } from './helpers.js';

let bundles: Map<string, BuiltResolver>;
beforeAll(async () => {
  bundles = await buildResolvers();
});

const templateBytes = (outdir: string, stage: string): string => readFileSync(join(outdir, `stockroom-${stage}.template.json`), 'utf8');

describe('infra synth determinism', () => {
  it('gives byte-identical templates on two synths of the project stack', () => {
    const a = synth('prod', bundles);
    const b = synth('prod', bundles);
    expect(templateBytes(b.assembly.directory, 'prod')).toBe(templateBytes(a.assembly.directory, 'prod'));
    // Two full synths with cdk-nag: over 30 s when the machine's CPUs are shared.
  }, 120_000);

  it('gives byte-identical templates on two synths of the every-kind stack', () => {
    const opts = FIXTURE_OPTIONS;
    const a = synth('dev', fixtureBundles(bundles), opts);
    const b = synth('dev', fixtureBundles(bundles), opts);
    const text = templateBytes(a.assembly.directory, 'dev');
    expect(templateBytes(b.assembly.directory, 'dev')).toBe(text);
    // No clock in the template: the only dates are deliberate constants.
    expect(text).not.toMatch(new RegExp(String(new Date().getUTCFullYear()) + '-\\d\\d-\\d\\dT'));
  });
});
