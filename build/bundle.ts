/**
 * The one producer of resolver bundles, for CDK and for the local runtime alike.
 * esbuild with AppSync's documented options; the checks AppSync applies when code is saved
 * (size, imports, exports, down-levelling helpers) fail the build here first.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wiring as projectWiring, type Wiring } from './wiring.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESOLVERS_DIR = join(PROJECT_ROOT, 'resolvers');
export const BUILD_DIR = join(PROJECT_ROOT, '.build');

/** AppSync's `code` field limit (API_Resolver / API_FunctionConfiguration). */
export const MAX_BUNDLE_CHARS = 32_768;

export class BundleError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${relative(PROJECT_ROOT, file)}: ${message}`);
    this.name = 'BundleError';
  }
}

export interface Bundle {
  /** Absolute path of the TypeScript (or JavaScript) entry. */
  readonly entry: string;
  /** The exact code deployed to AppSync and evaluated locally. */
  readonly code: string;
  readonly sha256: string;
}

/** A resolver file found on disk: `Type.field.ts` (unit) or `Type.field/` (pipeline). */
export type DiscoveredResolver =
  | { readonly field: string; readonly kind: 'unit'; readonly entry: string }
  | {
      readonly field: string;
      readonly kind: 'pipeline';
      readonly entry: string;
      readonly steps: readonly { readonly file: string; readonly entry: string }[];
    };

const FIELD_FILE = /^([A-Z][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\.ts$/;
const FIELD_DIR = /^([A-Z][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const STEP_FILE = /^(\d{2}\.[A-Za-z0-9_-]+)\.ts$/;
/** Shared pipeline functions (one AppSync function each, see build/wiring.ts) live here. */
export const SHARED_FUNCTIONS_DIR = 'functions';
const SHARED_FILE = /^([a-z][A-Za-z0-9]*)\.ts$/;
const IGNORED_DIRS = new Set(['lib', 'generated', SHARED_FUNCTIONS_DIR]);

/** A shared pipeline function file: `resolvers/functions/<name>.ts`. */
export interface DiscoveredSharedFunction {
  readonly name: string;
  readonly entry: string;
}

/** Finds the shared pipeline functions by their names (`<name>.ts`, lower camel case). */
export function discoverSharedFunctions(root: string = RESOLVERS_DIR): DiscoveredSharedFunction[] {
  const dir = join(root, SHARED_FUNCTIONS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.endsWith('.test.ts'))
    .sort()
    .map((f) => {
      const m = SHARED_FILE.exec(f);
      if (!m) throw new BundleError(join(dir, f), 'a shared pipeline function must be named <name>.ts (lower camel case)');
      return { name: m[1]!, entry: join(dir, f) };
    });
}

/** Finds resolver files by their names. Anything that does not follow the grammar is an error. */
export function discoverResolvers(root: string = RESOLVERS_DIR): DiscoveredResolver[] {
  const found: DiscoveredResolver[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) {
      if (IGNORED_DIRS.has(name)) continue;
      if (!FIELD_DIR.test(name)) throw new BundleError(path, 'a pipeline folder must be named <Type>.<field>');
      const index = join(path, 'index.ts');
      if (!existsSync(index)) throw new BundleError(path, 'a pipeline folder needs index.ts (its before/after handlers)');
      const steps = readdirSync(path)
        .filter((f) => f !== 'index.ts' && !f.endsWith('.test.ts'))
        .sort()
        .map((f) => {
          const m = STEP_FILE.exec(f);
          if (!m) throw new BundleError(join(path, f), 'pipeline steps must be named NN.<step>.ts');
          return { file: m[1]!, entry: join(path, f) };
        });
      found.push({ field: name, kind: 'pipeline', entry: index, steps });
    } else if (name.endsWith('.ts')) {
      const m = FIELD_FILE.exec(name);
      if (!m) throw new BundleError(path, 'a resolver file must be named <Type>.<field>.ts');
      found.push({ field: `${m[1]}.${m[2]}`, kind: 'unit', entry: path });
    }
  }
  return found;
}

/** Helpers that esbuild emits when lowering syntax; APPSYNC_JS rejects them (`in`, classes...). */
const DOWNLEVEL_HELPERS = /\b__(?:defProp|spreadValues|spreadProps|objRest|async|generator|publicField|privateIn|template)\b/;

/** Bundles one resolver or pipeline-function file and checks it against AppSync's rules. */
export async function bundleResolver(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    // Lower targets emit helpers that APPSYNC_JS rejects.
    target: 'esnext',
    platform: 'node',
    external: ['@aws-appsync/*'],
    // Inline source maps count toward the 32,768-character limit; keep none.
    sourcemap: false,
    sourcesContent: false,
    minify: false,
    treeShaking: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    // Path comments in the output are relative to this: the same bytes whatever the caller's cwd.
    absWorkingDir: PROJECT_ROOT,
  }).catch((error: unknown) => {
    throw new BundleError(entry, `esbuild failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  const code = result.outputFiles[0]!.text;
  checkBundle(entry, code);
  return { entry, code, sha256: createHash('sha256').update(code).digest('hex') };
}

/** The bundle rules, separate so tests can feed them bad code directly. */
export function checkBundle(entry: string, code: string): void {
  if (code.length > MAX_BUNDLE_CHARS) {
    throw new BundleError(entry, `bundle is ${code.length} characters; AppSync allows at most ${MAX_BUNDLE_CHARS}`);
  }
  for (const m of code.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    if (!spec.startsWith('@aws-appsync/utils')) {
      throw new BundleError(entry, `imports "${spec}": only @aws-appsync/utils and its subpaths exist in APPSYNC_JS`);
    }
  }
  if (/\brequire\s*\(/.test(code)) throw new BundleError(entry, 'uses require(): APPSYNC_JS has no CommonJS');
  const helper = DOWNLEVEL_HELPERS.exec(code);
  if (helper) throw new BundleError(entry, `contains the down-levelling helper ${helper[0]}; bundle with target esnext`);
  const exported = /export\s*\{([^}]*)\}/.exec(code)?.[1] ?? '';
  const names = new Set(
    exported
      .split(',')
      .map((s) =>
        s
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      )
      .filter(Boolean),
  );
  for (const m of code.matchAll(/export\s+(?:async\s+)?(?:function|const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const required of ['request', 'response']) {
    if (!names.has(required)) throw new BundleError(entry, `must export "${required}"`);
  }
}

export interface BuiltStep {
  readonly file: string;
  /** True for a shared pipeline function: the same bundle object in every pipeline that runs it. */
  readonly shared?: boolean;
  readonly bundle: Bundle;
}

export interface BuiltResolver {
  readonly field: string;
  readonly kind: 'unit' | 'pipeline';
  /** Unit resolver code, or the pipeline's before/after handlers. */
  readonly bundle: Bundle;
  /** The pipeline's steps in wiring order: its own files and the shared functions it runs. */
  readonly steps: readonly BuiltStep[];
}

/**
 * Bundles every discovered resolver and shared pipeline function (each shared one once); the
 * wiring says which shared functions each pipeline runs, and in which order. Optionally writes the
 * bundles under `.build/resolvers/` (git-ignored).
 */
export async function buildResolvers(
  options: { root?: string; outDir?: string; wiring?: Wiring } = {},
): Promise<Map<string, BuiltResolver>> {
  const discovered = discoverResolvers(options.root);
  const sharedBundles = new Map(
    await Promise.all(discoverSharedFunctions(options.root).map(async (f) => [f.name, await bundleResolver(f.entry)] as const)),
  );
  const w = options.wiring ?? projectWiring;
  const built = new Map<string, BuiltResolver>();
  await Promise.all(
    discovered.map(async (d) => {
      const bundle = await bundleResolver(d.entry);
      const own: BuiltStep[] =
        d.kind === 'pipeline' ? await Promise.all(d.steps.map(async (s) => ({ file: s.file, bundle: await bundleResolver(s.entry) }))) : [];
      built.set(d.field, {
        field: d.field,
        kind: d.kind,
        bundle,
        steps: d.kind === 'pipeline' ? orderSteps(w.resolvers[d.field], own, sharedBundles) : [],
      });
    }),
  );
  if (options.outDir) await writeBundles(built, sharedBundles, options.outDir);
  return built;
}

/** A wired pipeline's steps in wiring order; own files the wiring omits follow (wiring-check reports them). */
function orderSteps(
  spec: Wiring['resolvers'][string] | undefined,
  own: readonly BuiltStep[],
  sharedBundles: ReadonlyMap<string, Bundle>,
): BuiltStep[] {
  if (!spec || spec.kind !== 'pipeline') return [...own];
  const ordered: BuiltStep[] = [];
  for (const f of spec.functions) {
    const bundle = f.shared ? sharedBundles.get(f.file) : own.find((s) => s.file === f.file)?.bundle;
    if (bundle) ordered.push(f.shared ? { file: f.file, shared: true, bundle } : { file: f.file, bundle });
  }
  return [...ordered, ...own.filter((s) => !ordered.some((o) => !o.shared && o.file === s.file))];
}

async function writeBundles(built: Map<string, BuiltResolver>, sharedBundles: ReadonlyMap<string, Bundle>, outDir: string): Promise<void> {
  for (const r of built.values()) {
    const base = join(outDir, r.field);
    await mkdir(dirname(base), { recursive: true });
    await writeFile(`${base}.js`, r.bundle.code);
    for (const s of r.steps) if (!s.shared) await writeFile(`${base}.${s.file}.js`, s.bundle.code);
  }
  if (sharedBundles.size === 0) return;
  await mkdir(join(outDir, SHARED_FUNCTIONS_DIR), { recursive: true });
  for (const [name, bundle] of sharedBundles) await writeFile(join(outDir, SHARED_FUNCTIONS_DIR, `${name}.js`), bundle.code);
}
