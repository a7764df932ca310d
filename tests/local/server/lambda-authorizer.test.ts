import { describe, expect, it } from 'vitest';
import { LambdaAuthorizer, type AuthorizerResult } from '../../../local/server/auth/lambda-authorizer.js';

const request = {
  requestContext: { apiId: 'local', accountId: '000000000000', requestId: 'r', queryString: '{ x }', variables: {} },
  requestHeaders: {},
};
const allow: AuthorizerResult = { isAuthorized: true, resolverContext: { partnerId: 'p1', keyId: 'k1', scopes: 'inventory:read' } };

function authorizer(invoke: () => Promise<AuthorizerResult>): LambdaAuthorizer {
  return new LambdaAuthorizer({
    invoke,
    resultTtlSeconds: 60,
    identityValidationExpression: '^sk_[A-Za-z0-9_-]+$',
    apiId: 'local',
    accountId: '000000000000',
  });
}

describe('local/server/auth/lambda-authorizer', () => {
  it('caches an allow for the TTL', async () => {
    const a = authorizer(async () => allow);
    expect((await a.authorize('sk_a', request)).ok).toBe(true);
    expect((await a.authorize('sk_a', request)).ok).toBe(true);
    expect(a.invocations).toBe(1);
  });

  it('forgets a revoked key at once', async () => {
    const a = authorizer(async () => allow);
    await a.authorize('sk_a', request);
    expect(a.invalidate((c) => c['keyId'] === 'k1')).toBe(1);
    await a.authorize('sk_a', request);
    expect(a.invocations).toBe(2);
  });

  it('never caches a decision that was being made while a revoke landed', async () => {
    let release!: (r: AuthorizerResult) => void;
    const a = authorizer(() => new Promise<AuthorizerResult>((resolve) => (release = resolve)));
    const inFlight = a.authorize('sk_a', request);
    // The revoke completes while the authorizer function is still running (nothing cached yet).
    expect(a.invalidate((c) => c['keyId'] === 'k1')).toBe(0);
    release(allow);
    expect((await inFlight).ok).toBe(true);
    // The next request asks the function again, which now sees the revocation.
    const next = a.authorize('sk_a', request);
    release({ isAuthorized: false });
    expect((await next).ok).toBe(false);
    expect(a.invocations).toBe(2);
  });
});
