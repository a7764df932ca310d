/**
 * `/graphql/realtime` on the API's HTTP server: AppSync's real-time WebSocket endpoint (the
 * custom-domain form of `wss://…appsync-realtime-api…/graphql`). Upgrades without the `graphql-ws`
 * subprotocol are refused; every other failure is a protocol message (connection.ts).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthConfig } from '../auth/authenticate.js';
import type { CompletedMutationField } from '../graphql.js';
import { DEFAULT_CONNECTION_LIMITS, serveConnection, type ConnectionLimits } from './connection.js';
import type { DeliveryContext } from './delivery.js';
import { createFanout, type FanoutStats } from './fanout.js';
import { connectionHeader, connectionPayload, offeredProtocols } from './handshake.js';
import { SUBPROTOCOL } from './protocol.js';
import { createRegistrar, type RegistrationContext } from './registration.js';

export const REALTIME_PATH = '/graphql/realtime';
/** Largest client frame accepted (a start carries a query); larger frames close with 1009. */
const MAX_FRAME_BYTES = 1024 * 1024;

export interface RealtimeOptions extends RegistrationContext, DeliveryContext {
  readonly auth: AuthConfig;
  readonly limits?: Partial<ConnectionLimits>;
  readonly onError: (message: string, error?: unknown) => void;
}

export interface RealtimeServer {
  /** Delivers a completed mutation field to its subscribers (wired to the engine's onMutationCompleted). */
  publish(completed: CompletedMutationField): FanoutStats;
  /** Open subscriptions over all connections. */
  subscriptionCount(): number;
  /** Cuts every connection without a close handshake, as a network failure would (tests of resuming clients). */
  dropConnections(): number;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: string, message: string): void {
  const body = JSON.stringify({ errors: [{ errorType: 'BadRequestException', message }] });
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function attachRealtime(server: Server, options: RealtimeOptions): RealtimeServer {
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const fanout = createFanout(options);
  const register = createRegistrar(options);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== REALTIME_PATH) return refuse(socket, '404 Not Found', `WebSocket connections go to ${REALTIME_PATH}.`);
    if (!offeredProtocols(req).includes(SUBPROTOCOL))
      return refuse(socket, '400 Bad Request', `The ${SUBPROTOCOL} subprotocol is required.`);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      serveConnection(
        ws,
        {
          header: connectionHeader(req, url),
          payload: connectionPayload(url),
          host: req.headers.host ?? '',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          transport: socket,
        },
        { auth: options.auth, register, fanout, limits, log: options.onError },
      );
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    publish: (completed) => fanout.publish(completed),
    subscriptionCount: () => fanout.size(),
    dropConnections: () => {
      const clients = [...wss.clients];
      for (const client of clients) client.terminate();
      return clients.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
