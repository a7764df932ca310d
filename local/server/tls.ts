/**
 * `stockroom start --tls`: HTTPS and WSS in front of the local API, with a self-signed certificate
 * generated (offline, with `selfsigned`) on first start and kept in the state folder, so a client
 * trusts it once. Some off-the-shelf clients (Amplify's real-time client among them) only speak
 * `wss://`.
 *
 * The TLS server hands every request and upgrade to the plain API server, which keeps listening on
 * a loopback port of its own: the functions of the local run call the API there (Node's `fetch`
 * trusts a self-signed certificate only through NODE_EXTRA_CA_CERTS read at process start).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { generate } from 'selfsigned';

/** Where the certificate lives: written to local.json as `tls`. */
export interface TlsFiles {
  /** PEM certificate: what a client trusts (its own CA). */
  readonly certificate: string;
  /** PEM private key (mode 0600). */
  readonly key: string;
}

export interface TlsMaterial extends TlsFiles {
  readonly certificatePem: string;
  readonly keyPem: string;
}

/** The names every local certificate covers, plus the host the server listens on. */
const ALWAYS_COVERED = ['localhost', '127.0.0.1', '::1'];
const VALID_DAYS = 825;
/** A certificate this close to its end is replaced at start. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export function tlsFiles(stateDir: string): TlsFiles {
  const dir = join(stateDir, 'tls');
  return { certificate: join(dir, 'certificate.pem'), key: join(dir, 'key.pem') };
}

function covers(certificate: X509Certificate, name: string): boolean {
  return isIP(name) ? certificate.checkIP(name) !== undefined : certificate.checkHost(name) !== undefined;
}

/** The kept certificate when it still covers every name and is not about to expire. */
function reusable(files: TlsFiles, names: readonly string[], now: number): TlsMaterial | undefined {
  if (!existsSync(files.certificate) || !existsSync(files.key)) return undefined;
  const certificatePem = readFileSync(files.certificate, 'utf8');
  const keyPem = readFileSync(files.key, 'utf8');
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(certificatePem);
  } catch {
    return undefined;
  }
  if (Date.parse(parsed.validTo) - RENEW_BEFORE_MS < now) return undefined;
  if (!names.every((name) => covers(parsed, name))) return undefined;
  return { ...files, certificatePem, keyPem };
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Hosts to cover: the loopback names and the listening host (a wildcard host adds nothing). */
export function coveredNames(host: string): string[] {
  const extra = host === '0.0.0.0' || host === '::' || host === '' ? [] : [host.replace(/^\[|\]$/g, '')];
  return [...new Set([...ALWAYS_COVERED, ...extra])];
}

/**
 * The state folder's certificate for `host`, generated when missing, expiring or not covering the
 * host. Self-signed and its own CA (basicConstraints cA), so clients trust exactly this file.
 */
export async function loadOrCreateCertificate(stateDir: string, host: string, now = Date.now()): Promise<TlsMaterial> {
  const files = tlsFiles(stateDir);
  const names = coveredNames(host);
  const kept = reusable(files, names, now);
  if (kept) return kept;
  const notBeforeDate = new Date(now - 60_000);
  const notAfterDate = new Date(now + VALID_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Stockroom local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    ],
  });
  mkdirSync(join(stateDir, 'tls'), { recursive: true });
  writeAtomically(files.key, pems.private);
  writeAtomically(files.certificate, pems.cert);
  return { ...files, certificatePem: pems.cert, keyPem: pems.private };
}

export interface TlsFront {
  readonly server: HttpsServer;
  readonly port: number;
  readonly files: TlsFiles;
  close(): Promise<void>;
}

/**
 * Serves `api` (requests and WebSocket upgrades) over TLS on `port`/`host`; `api` itself keeps
 * serving plain HTTP wherever it listens.
 */
export async function startTlsFront(
  api: Server,
  options: { readonly stateDir: string; readonly host: string; readonly port: number },
): Promise<TlsFront> {
  const material = await loadOrCreateCertificate(options.stateDir, options.host);
  const server = createHttpsServer({ cert: material.certificatePem, key: material.keyPem }, (req: IncomingMessage, res: ServerResponse) =>
    api.emit('request', req, res),
  );
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => api.emit('upgrade', req, socket, head));
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  server.keepAliveTimeout = api.keepAliveTimeout;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    files: { certificate: material.certificate, key: material.key },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
