/**
 * A local EventBridge endpoint speaking the service's JSON 1.1 protocol (`POST /`,
 * `X-Amz-Target: AWSEvents.<Operation>`), so the real `@aws-sdk/client-eventbridge` works with
 * only an `endpoint` override (any credentials; signatures are not checked locally):
 * `PutEvents` and `TestEventPattern`. Errors answer as AWS does: HTTP 400 with
 * `{"__type": "<Code>", "message": "…"}`.
 *
 * Local-only admin routes (not AWS APIs) serve the dead-letter queue to `stockroom dlq`:
 * `GET /_stockroom/dlq`, `GET /_stockroom/dlq/<id>`, `POST /_stockroom/dlq/redrive` (`{"id"?: …}`).
 *
 *   const endpoint = await startEventBridgeServer({ bus: createLocalEventBus({ rules }) });
 *   new EventBridgeClient({ endpoint: endpoint.url, region: 'us-east-1', credentials });
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalEventBus } from './bus.js';
import { EventBridgeApiError } from './put-events.js';
import { readBoundedBody } from '../request-body.js';

/** Above the largest valid PutEvents request (1 MiB entries plus JSON framing). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface EventBridgeServerOptions {
  readonly bus: LocalEventBus;
  readonly port?: number;
  readonly host?: string;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface EventBridgeEndpoint {
  /** The URL to pass as the SDK client's `endpoint`. */
  readonly url: string;
  readonly port: number;
  readonly bus: LocalEventBus;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/x-amz-json-1.1'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: EventBridgeApiError): void {
  send(res, error.status, { __type: error.code, message: error.message });
}

function readBody(req: IncomingMessage): Promise<string> {
  return readBoundedBody(req, MAX_BODY_BYTES, () => new EventBridgeApiError('RequestEntityTooLarge', 'Request is too large.', 413));
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new EventBridgeApiError('SerializationException', 'Start of structure or map found where not expected.');
  }
}

async function handleAdmin(bus: LocalEventBus, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const json = 'application/json';
  if (req.method === 'GET' && path === '/_stockroom/dlq') return send(res, 200, { deadLetters: bus.deadLetters.list() }, json);
  const show = /^\/_stockroom\/dlq\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && show) {
    const letter = bus.deadLetters.show(decodeURIComponent(show[1] as string));
    return letter ? send(res, 200, letter, json) : send(res, 404, { message: 'Dead letter not found.' }, json);
  }
  if (req.method === 'POST' && path === '/_stockroom/dlq/redrive') {
    const { id } = parseJson(await readBody(req)) as { id?: unknown };
    return send(res, 200, await bus.redrive(typeof id === 'string' ? id : undefined), json);
  }
  send(res, 404, { message: 'Not found.' }, json);
}

const OPERATIONS: Record<string, (bus: LocalEventBus, body: unknown) => unknown> = {
  PutEvents: (bus, body) => bus.putEvents(body),
  TestEventPattern: (bus, body) => bus.testEventPattern(body),
};

export function startEventBridgeServer(options: EventBridgeServerOptions): Promise<EventBridgeEndpoint> {
  const { bus } = options;
  const log = options.log ?? (() => {});
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const work = async (): Promise<void> => {
      if (path.startsWith('/_stockroom/')) return handleAdmin(bus, req, res, path);
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service, operation] = target.split('.');
      const run = service === 'AWSEvents' && operation ? OPERATIONS[operation] : undefined;
      if (req.method !== 'POST' || !run)
        throw new EventBridgeApiError(
          'UnknownOperationException',
          `Operation ${target || '(none)'} is not supported by the local EventBridge endpoint.`,
        );
      const body = parseJson(await readBody(req));
      send(res, 200, run(bus, body));
    };
    work().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof EventBridgeApiError) return sendError(res, error);
      log('eventbridge endpoint: internal error', error);
      sendError(res, new EventBridgeApiError('InternalException', 'An internal error occurred.', 500));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        bus,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections(); // SDK clients keep connections alive
          }),
      });
    });
  });
}
