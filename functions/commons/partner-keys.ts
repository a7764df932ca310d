/**
 * Partner API keys: format, storage record and hashing, in one place for the function that
 * creates keys and the Lambda authorizer that checks them.
 *
 * A key is `sk_<lookupId>_<secret>`: `lookupId` (16 hex chars) finds the record with one GetItem;
 * `secret` (32 random bytes, base64url) is never stored. The record keeps a per-key random salt and
 * HMAC-SHA256(salt, secret). A slow KDF (scrypt) buys nothing for 256-bit random secrets and would
 * cost every uncached authorization tens of milliseconds.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const PARTNER_SCOPES = ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const PARTNER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const KEY_PATTERN = /^sk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface PartnerKeyRecord {
  pk: string;
  sk: string;
  entity: 'PartnerKey';
  keyId: string;
  partnerId: string;
  scopes: string[];
  salt: string;
  hash: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  /** Listing index: every key under one partition, sorted by partner then creation. */
  gsi3pk: string;
  gsi3sk: string;
}

export function partnerKeyKey(keyId: string): { pk: string; sk: string } {
  return { pk: `PARTNERKEY#${keyId}`, sk: 'PARTNERKEY' };
}

export function hashSecret(salt: string, secret: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64')).update(secret, 'utf8').digest('hex');
}

export function parseKey(token: string): { keyId: string; secret: string } | null {
  const m = KEY_PATTERN.exec(token);
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

/** A new key: the full key string (shown once) and the record to store. */
export function newPartnerKey(partnerId: string, scopes: readonly string[], now: string): { key: string; record: PartnerKeyRecord } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('base64');
  return {
    key: `sk_${keyId}_${secret}`,
    record: {
      ...partnerKeyKey(keyId),
      entity: 'PartnerKey',
      keyId,
      partnerId,
      scopes: [...scopes],
      salt,
      hash: hashSecret(salt, secret),
      createdAt: now,
      // lastUsedAt and revokedAt are absent until set: `if_not_exists` must see them missing.
      gsi3pk: 'PARTNERKEYS',
      gsi3sk: `PARTNER#${partnerId}#${now}#${keyId}`,
    },
  };
}

/** Constant-time check of a presented secret against the stored hash. */
export function secretMatches(record: Pick<PartnerKeyRecord, 'salt' | 'hash'>, secret: string): boolean {
  const expected = Buffer.from(record.hash, 'hex');
  const actual = Buffer.from(hashSecret(record.salt, secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
