/**
 * The HTTP face of the local AppSync API: `POST /graphql` with `{query, variables, operationName}`.
 * Request-level failures answer like AppSync (400 malformed, 401 UnauthorizedException, 413 too
 * large); nothing a client sends can crash the server (every failure is caught and logged).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, type AuthConfig } from './auth/authenticate.js';
import { plainError } from './errors.js';
import { MAX_NESTING, jsonNesting } from './nesting-limit.js';
import type { OperationRequest, OperationResult } from './graphql.js';
import type { Principal } from './auth/authenticate.js';

/**
 * AppSync does not publish a request-body quota on its limits page; 1 MiB matches the largest
 * GraphQL operation other AWS services may send to AppSync (EventBridge AppSyncParameters,
 * 1,048,576 characters). Configurable.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  readonly auth: AuthConfig;
  readonly run: (request: OperationRequest, principal: Principal, headers: Record<string, unknown>) => Promise<OperationResult>;
  readonly maxBodyBytes?: number;
  readonly log: (message: string, error?: unknown) => void;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
    ...CORS,
    ...extra,
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > max) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Header values as strings (repeated headers joined as Node joins them); cookie never passes. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseOperation(text: string): OperationRequest | string {
  // Variables reach recursive code (coercion, the authorizer event, resolvers): bound them first.
  if (jsonNesting(text) > MAX_NESTING) return `The request body nests more than ${MAX_NESTING} levels.`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'Invalid JSON payload in POST request.';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return 'The request must contain a "query" string.';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return '"variables" must be a JSON object.';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return '"operationName" must be a string.';
  return { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: operationName ?? undefined };
}

export function createGraphqlServer(options: HttpServerOptions): Server {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql') {
      send(res, 404, { errors: [plainError('NotFoundException', 'Not found. The GraphQL endpoint is POST /graphql.')] });
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method !== 'POST') {
      send(
        res,
        405,
        { errors: [plainError('MalformedHttpRequestException', 'Only POST is supported on /graphql.')] },
        { allow: 'POST, OPTIONS' },
      );
      return;
    }
    let text: string;
    try {
      text = await readBody(req, max);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        send(
          res,
          413,
          { errors: [plainError('PayloadTooLargeException', `The request body exceeds ${max} bytes.`)] },
          { connection: 'close' },
        );
        return;
      }
      throw error;
    }
    const operation = parseOperation(text);
    if (typeof operation === 'string') {
      send(res, 400, { errors: [plainError('MalformedHttpRequestException', operation)] });
      return;
    }
    const headers = flatHeaders(req);
    const forwarded = (headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const auth = await authenticate(options.auth, {
      method: req.method,
      host: headers['host'] ?? 'localhost',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: text,
      sourceIp: [...forwarded, req.socket.remoteAddress ?? '127.0.0.1'],
      operation,
    });
    if (!auth.ok) {
      send(res, 401, { errors: [plainError('UnauthorizedException', auth.message)] });
      return;
    }
    const result = await options.run(operation, auth.principal, headers);
    send(res, result.status, result.body);
  }

  const server = createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      options.log('request failed', error);
      send(res, 500, { errors: [plainError('InternalFailure', 'An internal error occurred.')] });
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 5000;
  return server;
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
