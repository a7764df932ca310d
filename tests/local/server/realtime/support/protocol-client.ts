/**
 * A test client for AppSync's real-time protocol, written from AWS's page "Building a real-time
 * WebSocket client in AWS AppSync": the authorization header object goes base64 into the
 * `header` query parameter (with `payload=e30=`) or base64url into a `header-…` subprotocol; IAM
 * signs `POST https://<host>/graphql/connect` with body `{}` on connect and `POST
 * https://<host>/graphql` with the `data` string on each start.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import WebSocket from 'ws';

export type HeaderObject = Record<string, string>;

export interface IamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

export type Auth = { apiKey: string } | { token: string } | { iam: IamCredentials };

export interface ServerFrame {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: { errorType: string | null; message: string }[]; connectionTimeoutMs?: number; message?: string };
}

/** The header object AWS's page lists for each mode. */
export async function authHeader(
  host: string,
  auth: Auth,
  signed?: { path: '/graphql/connect' | '/graphql'; body: string },
): Promise<HeaderObject> {
  if ('apiKey' in auth) return { host, 'x-api-key': auth.apiKey };
  if ('token' in auth) return { host, Authorization: auth.token };
  const base = {
    accept: 'application/json, text/javascript',
    'content-encoding': 'amz-1.0',
    'content-type': 'application/json; charset=UTF-8',
  };
  const signer = new SignatureV4({ credentials: auth.iam, region: auth.iam.region, service: 'appsync', sha256: Sha256 });
  const [hostname, port] = host.split(':') as [string, string | undefined];
  const request = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname,
    port: port ? Number(port) : undefined,
    path: signed?.path ?? '/graphql/connect',
    headers: { ...base, host },
    body: signed?.body ?? '{}',
  });
  const out: HeaderObject = {};
  for (const [k, v] of Object.entries(request.headers)) out[k === 'authorization' ? 'Authorization' : k] = String(v);
  return out;
}

export function base64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

export class RealtimeTestClient {
  readonly frames: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closed: { code: number; reason: string } | undefined;
  private readonly closedPromise: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    this.closedPromise = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closed = { code, reason: String(reason) };
        resolve(this.closed);
      }),
    );
  }

  /** Opens the socket; `via` says where the header object goes. */
  static async open(
    realtimeUrl: string,
    header: HeaderObject | undefined,
    via: 'query' | 'subprotocol' = 'query',
    protocols: string[] = ['graphql-ws'],
  ): Promise<RealtimeTestClient> {
    const url = new URL(realtimeUrl);
    const offered = [...protocols];
    if (header && via === 'query') {
      url.searchParams.set('header', Buffer.from(JSON.stringify(header)).toString('base64'));
      url.searchParams.set('payload', 'e30=');
    }
    if (header && via === 'subprotocol') offered.push(`header-${base64url(header)}`);
    const socket = new WebSocket(url, offered);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return new RealtimeTestClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next frame (already received or future) that matches; fails after `timeoutMs`. */
  next(match: (f: ServerFrame) => boolean, timeoutMs = 10_000, from = 0): Promise<ServerFrame> {
    const found = this.frames.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (f: ServerFrame) => (clearTimeout(timer), resolve(f)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async init(): Promise<ServerFrame> {
    this.send({ type: 'connection_init' });
    return this.next((f) => f.type === 'connection_ack' || f.type === 'connection_error');
  }

  /** Sends a start and waits for its start_ack or error. */
  async start(
    id: string,
    query: string,
    variables: Record<string, unknown>,
    authorization?: HeaderObject | ((data: string) => Promise<HeaderObject>),
  ): Promise<ServerFrame> {
    const data = JSON.stringify({ query, variables });
    const auth = typeof authorization === 'function' ? await authorization(data) : authorization;
    const from = this.frames.length;
    this.send({ id, type: 'start', payload: { data, extensions: auth ? { authorization: auth } : undefined } });
    return this.next((f) => f.id === id && (f.type === 'start_ack' || f.type === 'error'), 10_000, from);
  }

  dataFor(id: string): ServerFrame[] {
    return this.frames.filter((f) => f.type === 'data' && f.id === id);
  }

  waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return Promise.race([
      this.closedPromise,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket did not close')), timeoutMs)),
    ]);
  }

  close(): void {
    this.socket.close();
  }
}
