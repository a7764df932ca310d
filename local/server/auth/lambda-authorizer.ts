/**
 * AppSync's Lambda authorizer: the token must match `identityValidationExpression` before the
 * function is called; the function gets AppSync's authorizer event and answers
 * `{isAuthorized, resolverContext, deniedFields, ttlOverride}`; authorized answers are cached per
 * token for `ttlOverride ?? resultTtlSeconds`. Unlike AWS, the local cache can be invalidated
 * (a revoked partner key stops working at once).
 */
export interface AuthorizerEvent {
  authorizationToken: string;
  requestContext: {
    apiId: string;
    accountId: string;
    requestId: string;
    queryString: string;
    operationName?: string;
    variables: Record<string, unknown>;
  };
  requestHeaders: Record<string, string>;
}

export interface AuthorizerResult {
  isAuthorized: boolean;
  resolverContext?: Record<string, string>;
  deniedFields?: string[];
  ttlOverride?: number;
}

export type AuthorizerDecision = { ok: true; resolverContext: Record<string, string>; deniedFields: ReadonlySet<string> } | { ok: false };

interface CacheEntry {
  readonly decision: AuthorizerDecision & { ok: true };
  readonly expiresAt: number;
}

export interface LambdaAuthorizerOptions {
  readonly invoke: (event: AuthorizerEvent) => Promise<AuthorizerResult>;
  readonly resultTtlSeconds: number;
  readonly identityValidationExpression: string;
  readonly apiId: string;
  readonly accountId: string;
  readonly now?: () => number;
}

/** `deniedFields` entries are `Type.field` or a field ARN ending in `/types/<Type>/fields/<field>`. */
function fieldName(entry: string): string {
  const arn = /\/types\/([^/]+)\/fields\/([^/]+)$/.exec(entry);
  return arn ? `${arn[1]}.${arn[2]}` : entry;
}

export class LambdaAuthorizer {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly pattern: RegExp;
  private readonly now: () => number;
  /** Number of function invocations (tests check the cache with it). */
  invocations = 0;
  /** Bumped by every invalidation: a decision begun before one is used once but never cached. */
  private generation = 0;

  constructor(private readonly options: LambdaAuthorizerOptions) {
    this.pattern = new RegExp(options.identityValidationExpression);
    this.now = options.now ?? Date.now;
  }

  /** Whether a token is meant for this authorizer (routes it away from Cognito). */
  claims(token: string): boolean {
    return this.pattern.test(token);
  }

  async authorize(token: string, request: Omit<AuthorizerEvent, 'authorizationToken'>): Promise<AuthorizerDecision> {
    const cached = this.cache.get(token);
    if (cached && cached.expiresAt > this.now()) return cached.decision;
    if (cached) this.cache.delete(token);
    this.invocations += 1;
    const generation = this.generation;
    let result: AuthorizerResult;
    try {
      result = await this.options.invoke({ authorizationToken: token, ...request });
    } catch (error) {
      // A failing authorizer denies (AppSync answers 401); the reason stays in the server log.
      console.error(`[authorizer] ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false };
    }
    if (!result || result.isAuthorized !== true) return { ok: false };
    const decision = {
      ok: true as const,
      resolverContext: { ...(result.resolverContext ?? {}) },
      deniedFields: new Set((result.deniedFields ?? []).map(fieldName)),
    };
    const ttl = typeof result.ttlOverride === 'number' ? result.ttlOverride : this.options.resultTtlSeconds;
    // A revoke that landed while the function ran must not be outlived by a cached allow.
    if (ttl > 0 && generation === this.generation) this.cache.set(token, { decision, expiresAt: this.now() + Math.min(ttl, 3600) * 1000 });
    return decision;
  }

  /** Drops cached decisions whose resolverContext matches (e.g. a revoked key id). */
  invalidate(match: (resolverContext: Record<string, string>) => boolean): number {
    this.generation += 1;
    let dropped = 0;
    for (const [token, entry] of this.cache) {
      if (match(entry.decision.resolverContext)) {
        this.cache.delete(token);
        dropped += 1;
      }
    }
    return dropped;
  }
}
