/**
 * The admin app's build: a static bundle under `admin-ui/dist/`, served at `/admin/` by the local
 * server (local/server/admin-route/) and published by the hosting construct on AWS.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the same build works at /admin/ locally and at the CloudFront root on AWS.
  base: './',
  // Preact's automatic JSX runtime (tsconfig.json says the same for the type checker).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // amazon-cognito-identity-js reads Node's `global` (loaded only when the app signs in with Cognito).
  define: { global: 'globalThis' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  logLevel: 'warn',
});
