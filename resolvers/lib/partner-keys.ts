/** Partner-key records (written by functions/authorizer) → GraphQL `PartnerKey`, without secrets. */
import { util } from '@aws-appsync/utils';
import type { PartnerKey } from '../generated/graphql';
import { invalid } from './errors';

export const PARTNER_SCOPES = ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'];

export interface PartnerKeyRecord {
  keyId: string;
  partnerId: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export function partnerKeyKey(keyId: string): { pk: string; sk: string } {
  return { pk: `PARTNERKEY#${keyId}`, sk: 'PARTNERKEY' };
}

export function requireKeyId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !util.matches('[0-9a-f]{16}', value))
    return invalid(field, 'must be a partner key id (16 hex characters)');
  return value;
}

/** 1–4 distinct scopes from the known set. */
export function requireScopes(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > PARTNER_SCOPES.length)
    return invalid(field, `must list 1-${PARTNER_SCOPES.length} scopes`);
  const out: string[] = [];
  for (const scope of value) {
    if (typeof scope !== 'string' || PARTNER_SCOPES.indexOf(scope) < 0)
      return invalid(field, `unknown scope; allowed: ${PARTNER_SCOPES.join(', ')}`);
    if (out.indexOf(scope) >= 0) return invalid(field, `lists ${scope} twice`);
    out.push(scope);
  }
  return out;
}

export function toPartnerKey(record: PartnerKeyRecord): PartnerKey {
  return {
    keyId: record.keyId,
    partnerId: record.partnerId,
    scopes: record.scopes,
    status: record.revokedAt ? 'REVOKED' : 'ACTIVE',
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt ?? null,
    revokedAt: record.revokedAt ?? null,
  };
}
