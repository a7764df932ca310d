/** Shared synth helpers for the infra tests: build the app without the CLI, synth once, read back. */
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltResolver } from '../../build/bundle.js';
import { createApp, type CreateAppOptions } from '../../infra/stacks/create-app.js';
import type { StageName } from '../../infra/stacks/stage.js';
import { defaultEntry, type StockroomStack } from '../../infra/stacks/stockroom-stack.js';
import { FIXTURE_HANDLER } from './fixtures/full-wiring.js';

/** Unit tests never bundle Lambda code: the CDK skips bundling for stacks not listed here. */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/**
 * Handler path for unit tests, where bundling is skipped and only the path is used. A function
 * whose handler is not written yet gets the fixture stand-in here; the bundling test
 * (`synth-bundling.test.ts`) uses the real paths only and fails on a missing handler.
 */
export function entryOrStandIn(folder: string): string {
  const real = defaultEntry(folder);
  return existsSync(real) ? real : FIXTURE_HANDLER;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: StockroomStack;
  readonly assembly: CloudAssembly;
  readonly template: Template;
  readonly json: Record<string, unknown>;
}

export function synth(stage: StageName, bundles: ReadonlyMap<string, BuiltResolver>, extra: Partial<CreateAppOptions> = {}): Synthesized {
  const { app, stack } = createApp({
    stage,
    bundles,
    context: SKIP_BUNDLING,
    outdir: mkdtempSync(join(tmpdir(), `stockroom-cdk-${stage}-`)),
    entryFor: entryOrStandIn,
    // Completeness of the wiring is tests/build/wiring-check.test.ts's job; here: what is wired deploys.
    checkWiring: false,
    // Whether admin-ui/dist happens to be built must not change unit-test templates.
    adminAppDir: null,
    ...extra,
  });
  const assembly = app.synth();
  const json = assembly.getStackByName(stack.stackName).template as Record<string, unknown>;
  return { app, stack, assembly, template: Template.fromJSON(json), json };
}

type Resource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
};

export function resourcesOf(json: Record<string, unknown>, type: string): [string, Resource][] {
  return Object.entries(json.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

/** Warnings and errors the synthesized assembly carries (annotations, including nag's). */
export function annotationsOf(assembly: CloudAssembly): string[] {
  const out: string[] = [];
  for (const artifact of assembly.artifacts) {
    for (const [path, entries] of Object.entries(artifact.manifest.metadata ?? {})) {
      for (const entry of entries) {
        if (entry.type === 'aws:cdk:warning' || entry.type === 'aws:cdk:error')
          out.push(`${entry.type} ${path}: ${JSON.stringify(entry.data)}`);
      }
    }
  }
  return out;
}
