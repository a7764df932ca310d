/**
 * Request-level authentication: picks the mode from the headers and verifies the credential.
 * `x-api-key` → API key; `Authorization: AWS4-HMAC-SHA256 …` → IAM; an `Authorization` token that
 * matches the Lambda authorizer's identityValidationExpression → Lambda; any other
 * `Authorization` → Cognito user pool JWT. A missing or invalid credential is a 401 for the
 * whole request (`UnauthorizedException`); field checks come later (directives.ts).
 */
import { randomUUID } from 'node:crypto';
import type { AuthType } from '../../runtime/frame.js';
import type { AuthMode, FieldCaller } from './directives.js';
import type { DevUserPool } from './dev-jwt.js';
import type { LambdaAuthorizer } from './lambda-authorizer.js';
import { verifySigV4, type LocalIamCredentials } from './sigv4.js';

export interface Principal extends FieldCaller {
  readonly authType: AuthType;
  /** `ctx.identity` as AppSync shapes it for the mode (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver context object reference"). */
  readonly identity: unknown;
}

export interface AuthRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  /** Lower-cased names. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly sourceIp: readonly string[];
  readonly operation: { query: string; operationName?: string; variables: Record<string, unknown> };
}

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; message: string };

export interface AuthConfig {
  readonly apiKeys: () => ReadonlySet<string>;
  readonly userPool: DevUserPool;
  readonly lambda?: LambdaAuthorizer;
  readonly iam: (accessKeyId: string) => LocalIamCredentials | undefined;
}

const AUTH_TYPES: Record<AuthMode, AuthType> = {
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
};

const NOT_AUTHORIZED = 'You are not authorized to make this call.';
const NO_HEADER = 'Valid authorization header not provided.';

function principal(
  mode: AuthMode,
  identity: unknown,
  groups: readonly string[] = [],
  deniedFields: ReadonlySet<string> = new Set(),
): Principal {
  return { mode, authType: AUTH_TYPES[mode], identity, groups, deniedFields };
}

export async function authenticate(config: AuthConfig, request: AuthRequest): Promise<AuthOutcome> {
  const apiKey = request.headers['x-api-key'];
  const authorization = request.headers['authorization'];

  if (apiKey !== undefined) {
    return config.apiKeys().has(apiKey) ? { ok: true, principal: principal('API_KEY', null) } : { ok: false, message: NOT_AUTHORIZED };
  }
  if (authorization === undefined || authorization.trim() === '') return { ok: false, message: NO_HEADER };

  if (authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    const verified = await verifySigV4(request, config.iam);
    if (!verified.ok) return { ok: false, message: verified.message };
    const c = verified.credentials;
    return {
      ok: true,
      principal: principal('AWS_IAM', {
        accountId: c.accountId,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: [...request.sourceIp],
        username: c.username,
        userArn: `arn:aws:iam::${c.accountId}:user/${c.username}`,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      }),
    };
  }

  if (config.lambda?.claims(authorization)) {
    const decision = await config.lambda.authorize(authorization, {
      requestContext: {
        apiId: 'local',
        accountId: '000000000000',
        requestId: randomUUID(),
        queryString: request.operation.query,
        operationName: request.operation.operationName,
        variables: request.operation.variables,
      },
      requestHeaders: Object.fromEntries(Object.entries(request.headers).filter(([k]) => k !== 'cookie')),
    });
    if (!decision.ok) return { ok: false, message: NOT_AUTHORIZED };
    return { ok: true, principal: principal('AWS_LAMBDA', { resolverContext: decision.resolverContext }, [], decision.deniedFields) };
  }

  // AppSync accepts the raw JWT; a "Bearer " prefix is tolerated (it is on the WebSocket handshake).
  const token = authorization.replace(/^Bearer\s+/i, '');
  const verified = await config.userPool.verify(token);
  if (!verified.ok) return { ok: false, message: verified.reason === 'expired' ? 'Token has expired.' : NO_HEADER };
  const claims = verified.claims;
  const rawGroups = claims['cognito:groups'];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
  return {
    ok: true,
    principal: principal(
      'AMAZON_COGNITO_USER_POOLS',
      {
        sub: claims.sub,
        issuer: claims.iss,
        // ID tokens name the user in cognito:username, access tokens in username.
        username: (claims['cognito:username'] as string | undefined) ?? (claims['username'] as string | undefined) ?? claims.sub,
        claims,
        sourceIp: [...request.sourceIp],
        defaultAuthStrategy: 'ALLOW',
        groups: groups.length > 0 ? groups : null,
      },
      groups,
    ),
  };
}
