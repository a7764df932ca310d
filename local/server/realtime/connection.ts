/**
 * One real-time connection: `connection_init` → `connection_ack` (or `connection_error` and close),
 * `ka` keep-alives, `start` → `start_ack` | `error`, `data`, `stop` → `complete`. Bad frames and
 * unknown ids get protocol errors and the connection stays up; nothing a client sends throws.
 */
import type { WebSocket } from 'ws';
import { authenticate, type AuthConfig, type Principal } from '../auth/authenticate.js';
import type { DeliveryPayload } from './delivery.js';
import type { Fanout, Subscriber } from './fanout.js';
import { authRequestOf, normalizeHeaders, type HeaderObject } from './handshake.js';
import {
  CONNECTION_TIMEOUT_MS,
  error,
  isServerMessage,
  parseClientMessage,
  parseStartData,
  type ServerMessage,
  type StartPayload,
} from './protocol.js';
import type { Register } from './registration.js';

export interface ConnectionLimits {
  /** AppSync: 100 subscriptions per connection (MaxSubscriptionsReachedError). */
  readonly maxSubscriptions: number;
  /** AppSync: a subscription message is at most 240 KB. */
  readonly maxMessageBytes: number;
  readonly keepAliveMs: number;
  /** Sent in connection_ack. */
  readonly connectionTimeoutMs: number;
  /** A connection without subscriptions (or never initialised) is closed after this long. */
  readonly idleTimeoutMs: number;
  /** AppSync closes every connection after 24 hours. */
  readonly maxLifetimeMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxSubscriptions: 100,
  maxMessageBytes: 240 * 1024,
  keepAliveMs: 60_000,
  connectionTimeoutMs: CONNECTION_TIMEOUT_MS,
  idleTimeoutMs: CONNECTION_TIMEOUT_MS,
  maxLifetimeMs: 24 * 3600_000,
};

export interface ConnectionDeps {
  readonly auth: AuthConfig;
  readonly register: Register;
  readonly fanout: Fanout;
  readonly limits: ConnectionLimits;
  readonly log: (message: string, error?: unknown) => void;
}

/** The connection's TCP socket (what the WebSocket writes to): corked while one event fans out. */
export interface CorkableSocket {
  cork(): void;
  uncork(): void;
}

export interface ConnectionInfo {
  /** The handshake's header object, or why it could not be read. */
  readonly header: HeaderObject | string;
  readonly payload: string;
  /** The Host the client connected to: the header object's `host` must name it. */
  readonly host: string;
  readonly sourceIp: string;
  readonly transport?: CorkableSocket;
}

/**
 * Subscribers with the same delivery key share one payload object per event (fanout.ts): its JSON
 * is computed once per event, not once per subscriber.
 */
const serialised = new WeakMap<DeliveryPayload, { readonly json: string; readonly bytes: number }>();
/** `{"type":"data","id":,"payload":}` around the id and the payload. */
const DATA_FRAME_BYTES = Buffer.byteLength('{"type":"data","id":,"payload":}');

function serialise(payload: DeliveryPayload): { readonly json: string; readonly bytes: number } {
  let out = serialised.get(payload);
  if (!out) {
    const json = JSON.stringify(payload);
    serialised.set(payload, (out = { json, bytes: Buffer.byteLength(json) }));
  }
  return out;
}

const UNAUTHORIZED = 'UnauthorizedException';

export function serveConnection(socket: WebSocket, info: ConnectionInfo, deps: ConnectionDeps): void {
  const { limits } = deps;
  const subscribers = new Map<string, Subscriber>();
  /** Ids of starts still being registered; a stop for one cancels it. */
  const pending = new Map<string, { cancelled: boolean }>();
  let acked = false;
  let closed = false;
  let keepAlive: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  const lifetime = setTimeout(() => close(1000, 'Connection lifetime reached'), limits.maxLifetimeMs);

  const connectAuth = checkHeader(info.header, info.host).then((header) =>
    typeof header === 'string'
      ? ({ ok: false, message: header } as const)
      : authenticate(deps.auth, authRequestOf(header, 'connect', info.payload, info.sourceIp, { query: '', variables: {} })),
  );

  function send(message: ServerMessage): void {
    if (!closed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  function armIdle(): void {
    clearTimeout(idle);
    if (subscribers.size === 0 && pending.size === 0) idle = setTimeout(() => close(1000, 'Idle connection'), limits.idleTimeoutMs);
  }

  function close(code: number, reason: string): void {
    if (closed) return;
    cleanup();
    socket.close(code, reason);
  }

  function cleanup(): void {
    closed = true;
    clearInterval(keepAlive);
    clearTimeout(idle);
    clearTimeout(lifetime);
    for (const subscriber of subscribers.values()) deps.fanout.remove(subscriber);
    subscribers.clear();
    for (const p of pending.values()) p.cancelled = true;
  }

  async function init(): Promise<void> {
    if (acked) return;
    const outcome = await connectAuth;
    if (closed) return;
    if (!outcome.ok) {
      send({ type: 'connection_error', payload: { errors: [{ errorType: UNAUTHORIZED, message: outcome.message }] } });
      close(1000, 'Unauthorized');
      return;
    }
    acked = true;
    send({ type: 'connection_ack', payload: { connectionTimeoutMs: limits.connectionTimeoutMs } });
    send({ type: 'ka' });
    keepAlive = setInterval(() => send({ type: 'ka' }), limits.keepAliveMs);
  }

  async function start(id: string, payload: StartPayload): Promise<void> {
    if (subscribers.has(id) || pending.has(id)) return send(error('DuplicatedOperationError', `Duplicated operation with id ${id}`, id));
    if (subscribers.size + pending.size >= limits.maxSubscriptions) {
      return send(error('MaxSubscriptionsReachedError', `Max number of ${limits.maxSubscriptions} subscriptions reached`, id));
    }
    const operation = parseStartData(payload.data);
    if (typeof operation === 'string') return send(error('MalformedMessage', operation, id));
    const state = { cancelled: false };
    pending.set(id, state);
    clearTimeout(idle);
    try {
      const principal = await authorizeStart(payload, operation);
      if (typeof principal === 'string') return send(error(UNAUTHORIZED, principal, id));
      const outcome = await deps.register(operation, principal, normalizeHeaders(payload.extensions?.authorization ?? {}));
      if (state.cancelled) {
        send({ type: 'complete', id });
        return;
      }
      if (!outcome.ok) return send({ type: 'error', id, payload: { errors: outcome.errors } });
      const subscriber: Subscriber = {
        id,
        registration: outcome.registration,
        deliver: (data) => deliver(id, data),
        invalidate: () => {
          send({ type: 'complete', id, payload: { message: 'Subscription complete.' } });
          close(1000, 'Subscription invalidated');
        },
      };
      subscribers.set(id, subscriber);
      deps.fanout.add(subscriber);
      send({ type: 'start_ack', id });
    } finally {
      pending.delete(id);
      if (!closed) armIdle();
    }
  }

  /** Each start carries its own authorization (any mode); without one, the connection's applies. */
  async function authorizeStart(
    payload: StartPayload,
    operation: { query: string; variables: Record<string, unknown>; operationName?: string },
  ): Promise<Principal | string> {
    if (!payload.extensions?.authorization) {
      const outcome = await connectAuth;
      return outcome.ok ? outcome.principal : outcome.message;
    }
    const header = await checkHeader(normalizeHeaders(payload.extensions.authorization), info.host);
    if (typeof header === 'string') return header;
    const outcome = await authenticate(deps.auth, authRequestOf(header, 'start', payload.data, info.sourceIp, operation));
    return outcome.ok ? outcome.principal : outcome.message;
  }

  let corked = false;
  function deliver(id: string, payload: DeliveryPayload): void {
    // The same text as JSON.stringify({ type: 'data', id, payload }), without re-serialising the payload.
    const body = serialise(payload);
    const idJson = JSON.stringify(id);
    if (DATA_FRAME_BYTES + Buffer.byteLength(idJson) + body.bytes > limits.maxMessageBytes) {
      send(error('MessageTooLarge', `The subscription message exceeds ${limits.maxMessageBytes} bytes and was not delivered.`, id));
      return;
    }
    if (closed || socket.readyState !== socket.OPEN) return;
    // The messages one event sends on this connection leave in one write, not one write each.
    if (info.transport && !corked) {
      corked = true;
      info.transport.cork();
      queueMicrotask(() => {
        corked = false;
        info.transport?.uncork();
      });
    }
    socket.send(`{"type":"data","id":${idJson},"payload":${body.json}}`);
  }

  function stop(id: string): void {
    const subscriber = subscribers.get(id);
    const starting = pending.get(id);
    if (starting) {
      starting.cancelled = true;
      return;
    }
    if (!subscriber) return send(error('UnknownOperationError', `No subscription with id ${id}`, id));
    subscribers.delete(id);
    deps.fanout.remove(subscriber);
    send({ type: 'complete', id });
    armIdle();
  }

  function onMessage(text: string): void {
    const message = parseClientMessage(text);
    if (isServerMessage(message)) return send(message);
    if (message.type === 'connection_init') {
      void init().catch((e: unknown) => fail('connection_init', e));
      return;
    }
    // Anything before connection_ack is ignored, as AppSync does.
    if (!acked) return;
    if (message.type === 'start') void start(message.id, message.payload).catch((e: unknown) => fail('start', e, message.id));
    else stop(message.id);
  }

  function fail(where: string, e: unknown, id?: string): void {
    deps.log(`realtime ${where} failed`, e);
    send(error('InternalFailure', 'An internal error occurred.', id));
  }

  armIdle();
  socket.on('message', (data, isBinary) => {
    if (isBinary) return send(error('MalformedMessage', 'Messages must be JSON text frames.'));
    onMessage(
      Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8'),
    );
  });
  socket.on('close', cleanup);
  socket.on('error', (e) => {
    deps.log('realtime socket error', e);
    cleanup();
  });
}

/** The header object must name the GraphQL host the client connected to (AppSync validates it). */
function checkHeader(header: HeaderObject | string, host: string): Promise<HeaderObject | string> {
  if (typeof header === 'string') return Promise.resolve(header);
  if (!header['host']) return Promise.resolve('The authorization header object must include host.');
  if (header['host'] !== host)
    return Promise.resolve(`The host ${header['host']} in the authorization header does not match this API (${host}).`);
  return Promise.resolve(header);
}
