/**
 * Serves a path prefix from its own handler on the existing HTTP server: the handlers already
 * listening (the GraphQL endpoint) keep every other path. Each mounted route wraps the ones
 * before it, so several routes compose with one line each in start.ts.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> | void;

export function mountRoute(server: Server, prefix: string, handler: RouteHandler, log: (message: string) => void): void {
  const previous = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      for (const listener of previous) listener.call(server, req, res);
      return;
    }
    Promise.resolve(handler(req, res, pathname)).catch((error: unknown) => {
      log(`[${prefix}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });
}
