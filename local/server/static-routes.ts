/**
 * Non-GraphQL pages of the local server: the storefront widget script (`/widget/stockroom-stock.js`,
 * built once in memory on first request) and the demo storefront (`/demo`). Attached in front of the
 * API's request handler: every other path goes on to it unchanged.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { buildWidget } from '../../widget/build.js';
import { demoPage, WIDGET_SCRIPT_PATH } from '../../widget/demo/page.js';

export interface StaticRouteFacts {
  /** Read per request: the URL is only known once the server listens. */
  readonly graphqlUrl: () => string;
  readonly apiKey: () => string;
  readonly log: (message: string) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Puts `routes` before the server's existing request listeners (false: not mine, pass it on). */
export function attachRoutes(server: Server, routes: (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean): void {
  const existing = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve(routes(req, res)).then(
      (handled) => {
        if (!handled) for (const handler of existing) handler(req, res);
      },
      () => {
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
}

export function attachStaticRoutes(server: Server, facts: StaticRouteFacts): void {
  let widget: Promise<string> | undefined;
  attachRoutes(server, async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === WIDGET_SCRIPT_PATH) {
      widget ??= buildWidget().catch((error: unknown) => {
        widget = undefined;
        facts.log(`[static] widget build failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      });
      const code = await widget;
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'access-control-allow-origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : code);
      return true;
    }
    if (path === '/demo' || path === '/demo/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : demoPage({ graphqlUrl: facts.graphqlUrl(), apiKey: facts.apiKey() }));
      return true;
    }
    return false;
  });
}
