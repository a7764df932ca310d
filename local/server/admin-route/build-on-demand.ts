/**
 * The admin app's bundle (`admin-ui/dist/`), built with Vite when it is missing or older than
 * its sources, once per process and in the background: `npm start` does not wait for it, the
 * first request to /admin does.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../build/bundle.js';

export const ADMIN_UI_DIR = join(PROJECT_ROOT, 'admin-ui');
export const ADMIN_DIST_DIR = join(ADMIN_UI_DIR, 'dist');
const SOURCES = ['src', 'generated', 'index.html', 'vite.config.ts'].map((p) => join(ADMIN_UI_DIR, p));
/** Code the app imports from outside admin-ui/ (the real-time client, the order state machine, upload names). */
const SHARED_SOURCES = [
  join(PROJECT_ROOT, 'clients', 'realtime'),
  join(PROJECT_ROOT, 'model', 'orders'),
  join(PROJECT_ROOT, 'clients', 'imports'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function adminBuildIsCurrent(): boolean {
  const index = join(ADMIN_DIST_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return [...SOURCES, ...SHARED_SOURCES].every((source) => newestMtime(source) <= built);
}

let building: Promise<void> | undefined;

/** Resolves once `admin-ui/dist/` is current (builds at most once per process). */
export function ensureAdminBuild(log: (message: string) => void): Promise<void> {
  building ??= (async () => {
    if (adminBuildIsCurrent()) return;
    const started = performance.now();
    const { build } = await import('vite');
    // Built beside, then swapped in: a reader (the CDK synth in tests) never sees half a bundle.
    const staging = `${ADMIN_DIST_DIR}.${process.pid}.tmp`;
    await build({ configFile: join(ADMIN_UI_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    rmSync(ADMIN_DIST_DIR, { recursive: true, force: true });
    try {
      renameSync(staging, ADMIN_DIST_DIR);
    } catch (error) {
      // Another process (a parallel test file, a second `npm start`) swapped in its build first.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(ADMIN_DIST_DIR, 'index.html'))) throw error;
    }
    log(`[admin] built admin-ui/dist in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  })();
  return building;
}
