/** `stockroom build`: lint resolvers with AppSync's rules, check the wiring, bundle, write .build/. */
import { join } from 'node:path';
import { BUILD_DIR, buildResolvers, discoverResolvers } from '../../build/bundle.js';
import { lintResolvers } from '../../build/lint.js';
import { loadSchema } from '../../build/schema.js';
import { checkWiring } from '../../build/wiring-check.js';
import { wiring } from '../../build/wiring.js';

export async function buildAll(): Promise<string> {
  checkWiring(wiring, loadSchema(), discoverResolvers());
  await lintResolvers();
  const built = await buildResolvers({ outDir: join(BUILD_DIR, 'resolvers') });
  const sizes = [...built.values()].flatMap((r) => [r.bundle.code.length, ...r.steps.map((s) => s.bundle.code.length)]);
  return `built ${built.size} resolvers (${sizes.length} bundles, largest ${Math.max(0, ...sizes)} characters) into .build/resolvers/`;
}
