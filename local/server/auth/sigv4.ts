/**
 * IAM for the local API: requests signed with SigV4 (service `appsync`) by local credentials.
 * The server re-signs the request as received with the AWS SDK's own signer and compares the
 * signatures in constant time; the signing time must be within 5 minutes of now.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LocalIamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly accountId: string;
  /** The principal name AppSync reports as `identity.username`. */
  readonly username: string;
}

export function generateIamCredentials(region = 'us-east-1'): LocalIamCredentials {
  return {
    accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 20),
    secretAccessKey: randomBytes(30).toString('base64url').slice(0, 40),
    region,
    accountId: '000000000000',
    username: 'stockroom-local-functions',
  };
}

export interface SignedRequest {
  readonly method: string;
  /** Host header as received (may include the port). */
  readonly host: string;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 5 * 60_000;

export type SigV4Result = { ok: true; credentials: LocalIamCredentials } | { ok: false; message: string };

function parseAmzDate(value: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function verifySigV4(
  request: SignedRequest,
  lookup: (accessKeyId: string) => LocalIamCredentials | undefined,
  now: Date = new Date(),
): Promise<SigV4Result> {
  const m = AUTH_RE.exec(request.headers['authorization'] ?? '');
  if (!m) return { ok: false, message: 'Authorization header requires a valid SigV4 signature.' };
  const [, accessKeyId, shortDate, region, service, signedList, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const credentials = lookup(accessKeyId);
  if (!credentials) return { ok: false, message: 'The security token included in the request is invalid.' };
  if (service !== 'appsync' || region !== credentials.region)
    return { ok: false, message: 'Credential should be scoped to a valid region and service.' };
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (!signingDate || !signingDate.toISOString().replace(/-/g, '').startsWith(shortDate))
    return { ok: false, message: 'Signature date is missing or does not match its credential scope.' };
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) return { ok: false, message: 'Signature expired.' };

  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) return { ok: false, message: 'The host header must be signed.' };
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = name === 'host' ? request.host : request.headers[name];
    if (value === undefined) return { ok: false, message: `Signed header ${name} is missing.` };
    headers[name] = value;
  }
  // The signer trusts a signed x-amz-content-sha256 as the body hash: check it against the body.
  const declaredHash = headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body, 'utf8').digest('hex')) {
    return { ok: false, message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }
  const [hostname, port] = request.host.split(':') as [string, string | undefined];
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: undefined },
    region: credentials.region,
    service: 'appsync',
    sha256: Sha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers['authorization'] ?? ''))?.[1] ?? '';
  const expectedList = /SignedHeaders=([^,]+),/.exec(String(resigned.headers['authorization'] ?? ''))?.[1] ?? '';
  const same = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!same || expectedList !== signedList) {
    return { ok: false, message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return { ok: true, credentials };
}
