/**
 * The local stand-in for a Cognito user pool: ID tokens signed (RS256) by a key generated on
 * first use and kept under `.stockroom/` (git-ignored), verified as AppSync verifies Cognito
 * tokens: signature, expiry, issuer, audience (client id).
 */
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  errors as joseErrors,
  type JWK,
  type JWTPayload,
  type CryptoKey,
} from 'jose';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEV_ISSUER = 'https://cognito-idp.local.stockroom/local_StockroomDev';
export const DEV_CLIENT_ID = 'stockroom-local-client';

export interface DevKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** Generates a signing key, or loads the one stored at `path` (created with mode 0600). */
export async function loadOrCreateDevKey(path?: string): Promise<DevKey> {
  if (path && existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { kid: string; privateJwk: JWK; publicJwk: JWK };
    return {
      kid: stored.kid,
      privateKey: (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey,
      publicKey: (await importJWK(stored.publicJwk, 'RS256')) as CryptoKey,
    };
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  if (path) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }), {
      mode: 0o600,
    });
  }
  return { kid, privateKey, publicKey };
}

export interface DevTokenOptions {
  readonly username: string;
  readonly groups?: readonly string[];
  readonly expiresInSeconds?: number;
  readonly email?: string;
  /** Test hooks: sign with other settings to check that verification rejects them. */
  readonly issuer?: string;
  readonly audience?: string;
  readonly issuedAt?: number;
}

export type JwtFailure = 'expired' | 'invalid';

export class DevUserPool {
  constructor(
    private readonly key: DevKey,
    readonly issuer: string = DEV_ISSUER,
    readonly clientId: string = DEV_CLIENT_ID,
  ) {}

  /** A Cognito-shaped ID token. */
  async issue(options: DevTokenOptions): Promise<string> {
    const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
    const payload: JWTPayload & Record<string, unknown> = {
      'cognito:username': options.username,
      token_use: 'id',
      auth_time: now,
      email: options.email ?? `${options.username}@example.com`,
    };
    if (options.groups && options.groups.length > 0) payload['cognito:groups'] = [...options.groups];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setSubject(`local-${options.username}`)
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? 12 * 3600))
      .sign(this.key.privateKey);
  }

  /** A Cognito-shaped access token (what Amplify sends on the real-time connection): `client_id`, no `aud`. */
  async issueAccess(options: DevTokenOptions): Promise<string> {
    const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
    const payload: JWTPayload & Record<string, unknown> = {
      token_use: 'access',
      client_id: options.audience ?? this.clientId,
      username: options.username,
      scope: 'aws.cognito.signin.user.admin',
      auth_time: now,
    };
    if (options.groups && options.groups.length > 0) payload['cognito:groups'] = [...options.groups];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setSubject(`local-${options.username}`)
      .setIssuer(options.issuer ?? this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
      .sign(this.key.privateKey);
  }

  /** The verified claims, or why the token is not acceptable. */
  async verify(token: string): Promise<{ ok: true; claims: JWTPayload & Record<string, unknown> } | { ok: false; reason: JwtFailure }> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat'],
      });
      // AppSync's user-pool mode takes ID tokens (audience = client id) and access tokens (client_id claim).
      const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
      const forClient =
        payload['token_use'] === 'id'
          ? audiences.includes(this.clientId)
          : payload['token_use'] === 'access' && payload['client_id'] === this.clientId;
      if (!forClient) return { ok: false, reason: 'invalid' };
      return { ok: true, claims: payload };
    } catch (error) {
      return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
