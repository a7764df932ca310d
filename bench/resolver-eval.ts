/**
 * Resolver evaluation cost: a warm request+response pair of `Query.stockLevel` in the local
 * APPSYNC_JS runtime (vm context, frame, signals) versus the same bundle called as plain functions
 * in the main realm, in the same run. Target: < 50 µs per pair.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleResolver, RESOLVERS_DIR } from '../build/bundle.js';
import { executeResolver } from '../local/runtime/executor.js';
import { newFrame, withFrame } from '../local/runtime/frame.js';
import { linkModule } from '../local/runtime/linker.js';
import { loadModule } from '../local/runtime/module-loader.js';
import { createAppSyncModules } from '../local/runtime/util/index.js';

export interface ResolverEvalReport {
  name: string;
  iterations: number;
  vmPairMicros: number;
  plainPairMicros: number;
  executorMicros: number;
  ratio: number;
  targetMicros: number;
}

const record = {
  productId: 'sku-1',
  warehouseId: 'east',
  onHand: 100,
  reserved: 5,
  available: 95,
  threshold: 10,
  version: 3,
  sequence: 9,
  updatedAt: '2026-11-24T00:00:00.000Z',
};

function ctx() {
  const args = { productId: 'sku-1', warehouseId: 'east' };
  return {
    arguments: args,
    args,
    identity: null,
    source: null,
    stash: {},
    result: record as unknown,
    prev: undefined,
    error: undefined,
    request: { headers: {}, domainName: null },
    info: { fieldName: 'stockLevel', parentTypeName: 'Query' },
    env: { TABLE_NAME: 't' },
  };
}

function timePerCall(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(2000, iterations); i += 1) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

export async function run(iterations = 50_000): Promise<ResolverEvalReport> {
  const { code } = await bundleResolver(join(RESOLVERS_DIR, 'Query.stockLevel.ts'));
  const mod = loadModule(code, 'Query.stockLevel');
  const vmPair = () => {
    const frame = newFrame('API Key Authorization');
    const c = ctx();
    withFrame(frame, () => mod.request(c));
    withFrame(frame, () => mod.response(c));
  };

  // The same linked bundle, compiled in the main realm: what the code costs without the sandbox.
  const modules = createAppSyncModules();
  const importable: Record<string, unknown> = {
    '@aws-appsync/utils': { util: modules.util, extensions: modules.extensions, runtime: modules.runtime },
    '@aws-appsync/utils/dynamodb': modules.dynamodb,
  };
  const exportsObject: Record<string, (c: unknown) => unknown> = {};
  new Function('__import', '__exports', linkModule(code).body)((spec: string) => importable[spec], exportsObject);
  const plainPair = () => {
    const frame = newFrame('API Key Authorization');
    const c = ctx();
    withFrame(frame, () => exportsObject.request!(c));
    withFrame(frame, () => exportsObject.response!(c));
  };
  // Alternate rounds and keep each side's best, so JIT warm-up and GC favour neither.
  let vmPairMicros = Infinity;
  let plainPairMicros = Infinity;
  for (let round = 0; round < 3; round += 1) {
    vmPairMicros = Math.min(vmPairMicros, timePerCall(iterations, vmPair));
    plainPairMicros = Math.min(plainPairMicros, timePerCall(iterations, plainPair));
  }

  const none = { kind: 'NONE' as const, invoke: async () => ({ result: record }) };
  const executorIterations = Math.floor(iterations / 5);
  const input = {
    arguments: { productId: 'sku-1', warehouseId: 'east' },
    identity: null,
    source: null,
    request: { headers: {}, domainName: null },
    info: { fieldName: 'stockLevel', parentTypeName: 'Query' },
    env: { TABLE_NAME: 't' },
    authType: 'API Key Authorization' as const,
  };
  for (let i = 0; i < 1000; i += 1) await executeResolver({ kind: 'unit', id: 'Query.stockLevel', code, dataSource: none }, input);
  const start = performance.now();
  for (let i = 0; i < executorIterations; i += 1)
    await executeResolver({ kind: 'unit', id: 'Query.stockLevel', code, dataSource: none }, input);
  const executorMicros = ((performance.now() - start) * 1000) / executorIterations;

  return {
    name: 'resolver evaluation (Query.stockLevel request+response)',
    iterations,
    vmPairMicros,
    plainPairMicros,
    executorMicros,
    ratio: vmPairMicros / plainPairMicros,
    targetMicros: 50,
  };
}

export function format(r: ResolverEvalReport): string {
  return [
    `${r.name}, ${r.iterations} warm pairs`,
    `  local runtime (vm):     ${r.vmPairMicros.toFixed(2)} µs/pair  (target < ${r.targetMicros} µs: ${r.vmPairMicros < r.targetMicros ? 'met' : 'MISSED'})`,
    `  plain function:         ${r.plainPairMicros.toFixed(2)} µs/pair`,
    `  ratio vm / plain:       ${r.ratio.toFixed(2)}x`,
    `  full executor + NONE:   ${r.executorMicros.toFixed(2)} µs/field (args copy, frame, async data source)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(format(await run()));
}
