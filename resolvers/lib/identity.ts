/** Who is calling: an admin (Cognito group `admin`), a partner (Lambda authorizer) or a system (IAM). */
import { util, type AppSyncIdentityCognito, type AppSyncIdentityIAM, type AppSyncIdentityLambda, type Identity } from '@aws-appsync/utils';
import { fail } from './errors';

export type PartnerScope = 'inventory:read' | 'inventory:reserve' | 'orders:write' | 'orders:read';

export interface Actor {
  kind: 'admin' | 'partner' | 'system';
  /** Ledger/audit label: `admin:<user>`, `partner:<id>`, `system:<principal>`. */
  label: string;
  /** The partner id, or null for admins and systems. */
  partnerId: string | null;
  scopes: string[];
}

/** resolverContext values are strings on AppSync: the authorizer joins scopes with commas. */
function parseScopes(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.length === 0) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function actorOf(identity: Identity): Actor {
  const auth = util.authType();
  if (auth === 'Lambda Authorization') {
    const context = ((identity as AppSyncIdentityLambda | null)?.resolverContext ?? {}) as Record<string, unknown>;
    const partnerId = context['partnerId'];
    if (typeof partnerId !== 'string' || partnerId.length === 0) return util.unauthorized();
    return { kind: 'partner', label: `partner:${partnerId}`, partnerId, scopes: parseScopes(context['scopes']) };
  }
  if (auth === 'User Pool Authorization') {
    const cognito = identity as AppSyncIdentityCognito;
    const groups = cognito.groups ?? [];
    if (groups.indexOf('admin') < 0) return util.unauthorized();
    return { kind: 'admin', label: `admin:${cognito.username}`, partnerId: null, scopes: [] };
  }
  if (auth === 'IAM Authorization') {
    const iam = identity as AppSyncIdentityIAM;
    return { kind: 'system', label: `system:${iam.username}`, partnerId: null, scopes: [] };
  }
  return util.unauthorized();
}

/** Partners need the scope; admins and systems hold every scope. */
export function requireScope(actor: Actor, scope: PartnerScope): void {
  if (actor.kind === 'partner' && actor.scopes.indexOf(scope) < 0) {
    fail(`This partner key lacks the ${scope} scope.`, 'Unauthorized', { requiredScope: scope });
  }
}

/**
 * A partner sees only what it created; admins and systems see everything. Callers answer "not
 * yours" exactly as "not there", so one partner cannot learn which ids another holds.
 */
export function isVisibleTo(actor: Actor, ownerPartnerId: string | null | undefined): boolean {
  return actor.kind !== 'partner' || actor.partnerId === ownerPartnerId;
}
