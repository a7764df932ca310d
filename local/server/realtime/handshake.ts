/**
 * Where a real-time client puts its authorization (AWS's WebSocket client page): a `header`
 * query parameter (base64 JSON, with `payload=e30=`), a second subprotocol
 * `header-<base64url JSON>` (current Amplify, the Apollo AppSync link), or plain upgrade headers.
 * The object always carries `host`, the GraphQL host, which must be this server's.
 */
import type { IncomingMessage } from 'node:http';
import type { AuthRequest } from '../auth/authenticate.js';

export type HeaderObject = Record<string, string>;

/** Lower-cased names; non-string values dropped (a signature covers strings only). */
export function normalizeHeaders(raw: Record<string, unknown>): HeaderObject {
  const out: HeaderObject = {};
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string') out[name.toLowerCase()] = value;
  return out;
}

function decodeJsonObject(text: string, encoding: 'base64' | 'base64url'): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, encoding).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function offeredProtocols(req: IncomingMessage): string[] {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The connection's header object, or why it cannot be read. */
export function connectionHeader(req: IncomingMessage, url: URL): HeaderObject | string {
  const inQuery = url.searchParams.get('header');
  if (inQuery !== null) {
    const decoded = decodeJsonObject(inQuery, 'base64');
    return decoded ? normalizeHeaders(decoded) : 'The header query parameter is not base64-encoded JSON.';
  }
  const inProtocol = offeredProtocols(req).find((p) => p.startsWith('header-'));
  if (inProtocol !== undefined) {
    const decoded = decodeJsonObject(inProtocol.slice('header-'.length), 'base64url');
    return decoded ? normalizeHeaders(decoded) : 'The header- subprotocol is not base64url-encoded JSON.';
  }
  // Plain headers on the upgrade request (not for private APIs on AWS).
  const plain = normalizeHeaders(req.headers);
  return { ...plain, host: plain['host'] ?? '' };
}

/** The `payload` query parameter: base64 JSON (`{}` as AWS's page shows), or '{}' when absent. */
export function connectionPayload(url: URL): string {
  const raw = url.searchParams.get('payload');
  return raw === null ? '{}' : Buffer.from(raw, 'base64').toString('utf8');
}

/**
 * What the authenticators check. IAM signs `POST <host>/graphql/connect` with the payload (`{}`)
 * on connect, and `POST <host>/graphql` with the start's `data` string on each start.
 */
export function authRequestOf(
  header: HeaderObject,
  kind: 'connect' | 'start',
  body: string,
  sourceIp: string,
  operation: AuthRequest['operation'],
): AuthRequest {
  return {
    method: 'POST',
    host: header['host'] ?? '',
    path: kind === 'connect' ? '/graphql/connect' : '/graphql',
    query: {},
    headers: header,
    body,
    sourceIp: [sourceIp],
    operation,
  };
}
