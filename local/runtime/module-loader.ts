/**
 * Loads an APPSYNC_JS bundle into an isolated `node:vm` context, once, and hands back its
 * `request`/`response` exports. The bundle text is the one CDK deploys; only its module linkage
 * is rewritten in place (see linker.ts), because `vm.SourceTextModule` still needs an experimental
 * Node flag. Every other character runs as deployed, at the same line and column.
 */
import { createHash } from 'node:crypto';
import { javaReplace } from './java-regex.js';
import vm from 'node:vm';
import { createSandboxConsole } from './console-log.js';
import { LinkError, linkModule } from './linker.js';
import { createAppSyncModules, type AppSyncModules } from './util/index.js';

export type Handler = (ctx: unknown) => unknown;

export interface LoadedModule {
  readonly sha256: string;
  readonly request: Handler;
  readonly response: Handler;
}

export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

/**
 * Globals that APPSYNC_JS does not offer (AWS AppSync Developer Guide, "Supported runtime features"). They are removed so that code relying on
 * them fails here rather than on AWS. `Date` is removed too: it is not in the documented built-ins
 * and users report `new Date()` failing on save (aws-appsync-community, serverless-appsync-plugin#549);
 * use `util.time`.
 */
const REMOVED_GLOBALS = [
  'Date',
  'Promise',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'FinalizationRegistry',
  'Proxy',
  'Reflect',
  'eval',
  'Intl',
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
  'queueMicrotask',
];

/**
 * Runs inside the context: AWS's `JSON.parse` returns "" for invalid input instead of throwing, and
 * `replace`/`replaceAll` read a string pattern as a Java regular expression (java-regex.ts).
 */
const PRELUDE = `
'use strict';
(() => {
  const parse = JSON.parse;
  Object.defineProperty(JSON, 'parse', { value: function (text, reviver) { try { return parse(text, reviver); } catch (e) { return ''; } }, writable: false });
  const javaReplace = globalThis.__javaReplace;
  delete globalThis.__javaReplace;
  const nativeReplace = String.prototype.replace;
  const nativeReplaceAll = String.prototype.replaceAll;
  Object.defineProperty(String.prototype, 'replace', { value: function replace(pattern, replacement) {
    return typeof pattern === 'string' ? javaReplace(String(this), pattern, replacement, false) : nativeReplace.call(this, pattern, replacement);
  }, writable: false });
  Object.defineProperty(String.prototype, 'replaceAll', { value: function replaceAll(pattern, replacement) {
    return typeof pattern === 'string' ? javaReplace(String(this), pattern, replacement, true) : nativeReplaceAll.call(this, pattern, replacement);
  }, writable: false });
  for (const name of ${JSON.stringify(REMOVED_GLOBALS)}) delete globalThis[name];
})();
`;

/** Put before the code on its first line: console call sites there subtract its length. */
const WRAPPER_HEAD = "(function (__import, __exports) {'use strict';";
const sandboxConsole = createSandboxConsole(WRAPPER_HEAD.length);

let modules: AppSyncModules | undefined;
function appSyncModules(): AppSyncModules {
  modules ??= createAppSyncModules();
  return modules;
}

const cache = new Map<string, LoadedModule>();

/** Loads (or returns the cached) module for this exact code. */
export function loadModule(code: string, filename = 'code.js'): LoadedModule {
  const sha256 = createHash('sha256').update(code).digest('hex');
  const cached = cache.get(sha256);
  if (cached) return cached;

  let linked;
  try {
    linked = linkModule(code);
  } catch (error) {
    const where = error instanceof LinkError && error.line !== undefined ? `:${error.line}:${error.column}` : '';
    throw new ModuleLoadError(`${filename}${where}: the code does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const m = appSyncModules();
  const importable: Record<string, unknown> = {
    '@aws-appsync/utils': { util: m.util, extensions: m.extensions, runtime: m.runtime },
    '@aws-appsync/utils/dynamodb': m.dynamodb,
    '@aws-appsync/utils/rds': m.rds,
  };
  for (const spec of linked.imports) {
    if (!(spec in importable))
      throw new ModuleLoadError(`${filename}: cannot import "${spec}": APPSYNC_JS only provides @aws-appsync/utils and its subpaths`);
  }
  const sandbox: Record<string, unknown> = {
    util: m.util,
    extensions: m.extensions,
    runtime: m.runtime,
    console: sandboxConsole,
    __javaReplace: javaReplace,
  };
  const context = vm.createContext(sandbox, { name: filename, codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(PRELUDE, context);
  const moduleExports: Record<string, unknown> = {};
  try {
    // The wrapper opens on the same line as the code, so positions in stack traces are unchanged.
    const wrapper = vm.runInContext(`${WRAPPER_HEAD}${linked.body}\n})`, context, { filename }) as (
      i: (spec: string) => unknown,
      e: Record<string, unknown>,
    ) => void;
    wrapper((spec) => importable[spec], moduleExports);
  } catch (error) {
    const e = error as { message?: string };
    throw new ModuleLoadError(`${filename}: evaluating the module failed: ${e.message ?? String(error)}`);
  }
  const { request, response } = moduleExports;
  if (typeof request !== 'function' || typeof response !== 'function') {
    throw new ModuleLoadError(`${filename}: the module must export functions "request" and "response"`);
  }
  const loaded: LoadedModule = { sha256, request: request as Handler, response: response as Handler };
  cache.set(sha256, loaded);
  return loaded;
}
