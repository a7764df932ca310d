/**
 * Builds the CDK app for one stage without the CLI, so tests and `infra/app.ts` construct the very
 * same stack. cdk-nag runs as a CDK validation plugin: synthesis fails on any unacknowledged finding.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { discoverResolvers, type BuiltResolver } from '../../build/bundle.js';
import { loadSchema } from '../../build/schema.js';
import { checkWiring } from '../../build/wiring-check.js';
import { wiring as projectWiring, type Wiring } from '../../build/wiring.js';
import { isStage, stageConfig, STAGES, type StageName } from './stage.js';
import { StockroomStack } from './stockroom-stack.js';

export interface CreateAppOptions {
  readonly stage: StageName;
  readonly bundles: ReadonlyMap<string, BuiltResolver>;
  /** CDK context, e.g. `{ 'aws:cdk:bundling-stacks': [] }` to skip Lambda bundling in tests. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  readonly wiring?: Wiring;
  readonly entryFor?: (folder: string) => string;
  readonly schemaPath?: string;
  readonly adminAppDir?: string | null;
  /** Checks wiring vs schema vs resolver files first (default true; the CLI app always does). */
  readonly checkWiring?: boolean;
  /** Registers cdk-nag AwsSolutions checks (default true). */
  readonly nag?: boolean;
  /** Applies the wiring's reserved concurrency (`-c reserveConcurrency=true`; default false). */
  readonly reserveConcurrency?: boolean;
  /** Declares only the first N GSIs per table (`-c indexLimit=N`; default all): staged index additions. */
  readonly indexLimit?: number;
}

export function stackName(stage: StageName): string {
  return `stockroom-${stage}`;
}

export function createApp(options: CreateAppOptions): { app: App; stack: StockroomStack } {
  const w = options.wiring ?? projectWiring;
  if (options.checkWiring ?? true) checkWiring(w, loadSchema(), discoverResolvers());
  // The feature flags `cdk init` would write (e.g. the authorizer's invoke permission scoped to
  // this API's ARN), as defaults: `-c` values and cdk.json still override them.
  const app = new App({ context: { ...CURRENTLY_RECOMMENDED_FLAGS, ...options.context }, outdir: options.outdir });
  const config = stageConfig(options.stage, { reserveConcurrency: options.reserveConcurrency, indexLimit: options.indexLimit });
  const stack = new StockroomStack(app, stackName(options.stage), {
    stackName: stackName(options.stage),
    description: `Stockroom (${options.stage}): AppSync API, DynamoDB, Lambda functions, events, ingest and admin hosting`,
    config,
    wiring: w,
    bundles: options.bundles,
    entryFor: options.entryFor,
    schemaPath: options.schemaPath,
    adminAppDir: options.adminAppDir,
  });
  Tags.of(stack).add('project', w.service);
  Tags.of(stack).add('stage', options.stage);
  // cdk-nag 3 is a validation plugin (not an Aspect); acknowledgements live on the constructs.
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/** Reads `-c stage=...`; anything but dev, staging or prod is an error, never a silent default. */
export function stageFromContext(value: unknown): StageName {
  if (value === undefined) return 'dev';
  if (!isStage(value)) throw new Error(`unknown stage ${JSON.stringify(value)}: use -c stage=${STAGES.join('|')}`);
  return value;
}

/** Reads a boolean `-c` flag: `true`/`false` (strings from the CLI, booleans from cdk.json). */
export function flagFromContext(name: string, value: unknown): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new Error(`-c ${name}=${JSON.stringify(value)}: use true or false`);
}

/** Reads `-c indexLimit=N`: a whole number ≥ 0, or undefined (all indexes). */
export function indexLimitFromContext(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new Error(`-c indexLimit=${JSON.stringify(value)}: use a whole number of indexes, 0 or more`);
  return n;
}
