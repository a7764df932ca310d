/**
 * `/admin` on the local server: the built admin app (admin-ui/dist), its `config.json` (this
 * server's GraphQL URL, the demo product ids) and the one-click dev sign-in, which mints a dev
 * admin token from the local user pool. Local only: on AWS the hosting construct serves the app
 * from CloudFront with a deploy-time config.json and sign-in goes to Cognito; nothing here is
 * deployed. The sign-in answers loopback callers only (a `--host 0.0.0.0` run stays closed).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { DevUserPool } from '../auth/dev-jwt.js';
import { ADMIN_DIST_DIR, ensureAdminBuild } from './build-on-demand.js';
import { mountRoute } from './mount.js';

export interface AdminRouteOptions {
  readonly userPool: DevUserPool;
  readonly log: (message: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function serveFile(res: ServerResponse, relative: string): Promise<void> {
  const path = normalize(join(ADMIN_DIST_DIR, relative));
  if (!path.startsWith(`${ADMIN_DIST_DIR}${sep}`)) return void json(res, 404, { message: 'Not found' });
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return void json(res, 404, { message: 'Not found' });
  }
  // Vite names assets by content hash: they never change; index.html always revalidates.
  const immutable = relative.startsWith('assets/');
  res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(body);
}

export function attachAdminRoute(server: Server, options: AdminRouteOptions): void {
  // Started now, awaited by the first page request: the server's start does not wait for Vite.
  const ready = ensureAdminBuild(options.log);
  ready.catch((error: unknown) => options.log(`[admin] build failed: ${error instanceof Error ? error.message : String(error)}`));

  mountRoute(
    server,
    '/admin',
    async (req, res, pathname) => {
      if (pathname === '/admin') {
        res.writeHead(302, { location: '/admin/' });
        return void res.end();
      }
      if (pathname === '/admin/config.json') {
        return json(res, 200, { mode: 'local', graphqlUrl: '/graphql', devSignInUrl: '/admin/dev-sign-in' });
      }
      if (pathname === '/admin/dev-sign-in') {
        if (req.method !== 'POST') return json(res, 405, { message: 'POST only' });
        if (!isLoopback(req)) return json(res, 403, { message: 'The dev sign-in answers this machine only.' });
        return json(res, 200, { token: await options.userPool.issue({ username: 'admin', groups: ['admin'] }) });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { message: 'GET only' });
      await ready;
      const relative = pathname === '/admin/' ? 'index.html' : decodeURIComponent(pathname.slice('/admin/'.length));
      await serveFile(res, relative);
    },
    options.log,
  );
}
