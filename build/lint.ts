/**
 * Runs `@aws-appsync/eslint-plugin`'s recommended rules (configured in eslint.config.js) on
 * `resolvers/**` and `model/**` (the domain model esbuild bundles into every resolver): the
 * APPSYNC_JS restrictions that lint can see fail the build, as AppSync's save-time validation would.
 */
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from './bundle.js';

export class LintError extends Error {
  constructor(readonly report: string) {
    super(`resolvers break APPSYNC_JS rules:\n${report}`);
    this.name = 'LintError';
  }
}

export async function lintResolvers(
  patterns: readonly string[] = ['resolvers/**/*.ts', 'model/**/*.ts'],
  cwd: string = PROJECT_ROOT,
): Promise<void> {
  const eslint = new ESLint({ cwd });
  const results = await eslint.lintFiles([...patterns]);
  const failing = results.filter((r) => r.errorCount > 0);
  if (failing.length === 0) return;
  const formatter = await eslint.loadFormatter('stylish');
  throw new LintError(await formatter.format(failing));
}
