/**
 * Builds the storefront widget into one minified IIFE script (no framework runtime: the custom
 * element, the shared hub and `clients/realtime`). In memory: `npm start` serves it, the size
 * test and the benchmark measure it.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget the issue sets for the gzipped script. */
export const WIDGET_GZIP_BUDGET_BYTES = 10 * 1024;

export async function buildWidget(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'src', 'index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

export const gzippedSize = (code: string): number => gzipSync(code, { level: 9 }).length;
