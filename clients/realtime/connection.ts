/**
 * A small AppSync real-time client (no framework; browsers and Node with the `ws` package): one
 * WebSocket with the `graphql-ws` subprotocol, auth in the `header` query parameter and in each
 * start, `ka` watchdog (reconnects when none arrives within connectionTimeoutMs), reconnects with
 * exponential backoff and full jitter, and restarts every subscription on the new connection,
 * telling each one (`onReady(resumed)`) so it can catch up.
 */

/** What the client needs of a WebSocket (the browser's, or `ws`'s). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = new (url: string, protocols: string[]) => WebSocketLike;

/** The authorization header object without `host`, e.g. `{'x-api-key': key}` or `{Authorization: token}`. */
export type AuthHeaders = () => Promise<Record<string, string>> | Record<string, string>;

export interface ConnectionOptions {
  /** `http(s)://host/graphql`; the real-time URL is `<graphqlUrl>/realtime` with ws(s). */
  readonly graphqlUrl: string;
  readonly auth: AuthHeaders;
  readonly WebSocket?: WebSocketFactory;
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  readonly onStatus?: (status: 'connecting' | 'connected' | 'disconnected') => void;
}

export interface SubscriptionHandlers {
  /** Each `data` message's payload (`{data, errors?}`). */
  next(payload: { data: unknown; errors?: { errorType: string | null; message: string }[] }): void;
  /** The server refused the subscription (it is not retried). */
  error(errors: { errorType: string | null; message: string }[]): void;
  /** The subscription is active: the first time (`resumed` false) and after each reconnect (true). */
  onReady?(resumed: boolean): void;
}

interface Active {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly handlers: SubscriptionHandlers;
  started: boolean;
}

const OPEN = 1;

function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export function realtimeUrlOf(graphqlUrl: string): string {
  return `${graphqlUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/realtime`;
}

export function createConnection(options: ConnectionOptions) {
  const Socket = options.WebSocket ?? (globalThis as unknown as { WebSocket: WebSocketFactory }).WebSocket;
  const host = new URL(options.graphqlUrl).host;
  const initialMs = options.backoff?.initialMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 10_000;
  const subscriptions = new Map<string, Active>();
  let socket: WebSocketLike | undefined;
  let acked = false;
  let everConnected = false;
  let closed = false;
  let attempt = 0;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let timeoutMs = 300_000;
  let nextId = 0;
  // Set while connect() awaits the auth headers: subscriptions made meanwhile must not open a second socket.
  let connecting = false;

  const header = async () => ({ host, ...(await options.auth()) });

  function send(message: unknown): void {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  async function start(id: string, active: Active): Promise<void> {
    const data = JSON.stringify({ query: active.query, variables: active.variables });
    send({ id, type: 'start', payload: { data, extensions: { authorization: await header() } } });
  }

  function feedWatchdog(): void {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => socket?.close(4000, 'no keep-alive'), timeoutMs);
  }

  function scheduleReconnect(): void {
    if (closed || retry) return;
    const delay = Math.random() * Math.min(maxMs, initialMs * 2 ** attempt);
    attempt += 1;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
  }

  function onMessage(raw: unknown): void {
    let frame: { type?: string; id?: string; payload?: Record<string, unknown> };
    try {
      frame = JSON.parse(String(raw)) as typeof frame;
    } catch {
      return;
    }
    const active = frame.id === undefined ? undefined : subscriptions.get(frame.id);
    switch (frame.type) {
      case 'connection_ack': {
        acked = true;
        attempt = 0;
        timeoutMs = Number(frame.payload?.['connectionTimeoutMs'] ?? timeoutMs);
        feedWatchdog();
        options.onStatus?.('connected');
        for (const [id, a] of subscriptions) void start(id, a);
        return;
      }
      case 'ka':
        return feedWatchdog();
      case 'start_ack':
        if (active) {
          const resumed = active.started;
          active.started = true;
          active.handlers.onReady?.(resumed);
        }
        return;
      case 'data':
        if (active) active.handlers.next(frame.payload as Parameters<SubscriptionHandlers['next']>[0]);
        return;
      case 'error':
        if (active && frame.id !== undefined) {
          subscriptions.delete(frame.id);
          active.handlers.error((frame.payload?.['errors'] as Parameters<SubscriptionHandlers['error']>[0]) ?? []);
        }
        return;
      case 'connection_error':
        // Bad credentials do not get better by retrying quickly: the backoff grows.
        socket?.close(4001, 'connection_error');
        return;
      default:
        return;
    }
  }

  async function connect(): Promise<void> {
    if (closed || connecting) return;
    connecting = true;
    options.onStatus?.('connecting');
    acked = false;
    const headers = await header().finally(() => {
      connecting = false;
    });
    const url = `${realtimeUrlOf(options.graphqlUrl)}?header=${encodeURIComponent(toBase64(JSON.stringify(headers)))}&payload=e30=`;
    const ws = new Socket(url, ['graphql-ws']);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
    ws.onmessage = (event) => onMessage(event.data);
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      clearTimeout(watchdog);
      socket = undefined;
      if (everConnected || acked) options.onStatus?.('disconnected');
      scheduleReconnect();
    };
    everConnected = true;
  }

  return {
    /** Starts a subscription (now, or once connected); returns its stop function. */
    subscribe(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers): () => void {
      const id = `s${(nextId += 1)}`;
      const active: Active = { query, variables, handlers, started: false };
      subscriptions.set(id, active);
      if (!socket && !retry && !connecting) void connect();
      else if (acked) void start(id, active);
      return () => {
        if (subscriptions.delete(id)) send({ type: 'stop', id });
      };
    },
    /** Closes the socket (tests: a network drop); the client reconnects and resumes. */
    drop(): void {
      socket?.close(4002, 'dropped');
    },
    close(): void {
      closed = true;
      clearTimeout(watchdog);
      clearTimeout(retry);
      subscriptions.clear();
      socket?.close(1000, 'closed');
      socket = undefined;
    },
  };
}

export type RealtimeConnection = ReturnType<typeof createConnection>;
