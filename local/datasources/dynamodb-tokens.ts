/**
 * Pagination tokens. AppSync encrypts DynamoDB's `LastEvaluatedKey` and accepts a token only in
 * the resolver (or pipeline function) that issued it (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB"). Here: the key as JSON,
 * signed with an HMAC over the resolver id and a key that is random per process, wrapped like
 * AppSync's tokens (`base64({"version":2,"token":...})`). A token from another resolver, a
 * tampered token, or one from an earlier process run is rejected.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toTypedJson } from './dynamodb-values.js';

const SECRET = randomBytes(32);

/** AppSync's answer to a bad token [COMMUNITY: amplify-cli#3411, amplify-hosting#433]. */
export const INVALID_TOKEN_ERROR = {
  type: 'DynamoDB:UserIllegalArgumentException',
  message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
} as const;

export class InvalidTokenError extends Error {}

function mac(resolverId: string, payload: string): Buffer {
  return createHmac('sha256', SECRET).update(resolverId).update('\0').update(payload).digest();
}

export function encodeToken(lastEvaluatedKey: Record<string, AttributeValue>, resolverId: string): string {
  const key = Object.fromEntries(Object.entries(lastEvaluatedKey).map(([k, v]) => [k, toTypedJson(v)]));
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  const token = `${payload}.${mac(resolverId, payload).toString('base64url')}`;
  return Buffer.from(JSON.stringify({ version: 2, token })).toString('base64');
}

export function decodeToken(nextToken: string, resolverId: string): Record<string, AttributeValue> {
  try {
    const outer = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8')) as { version?: unknown; token?: unknown };
    if (outer.version !== 2 || typeof outer.token !== 'string') throw new InvalidTokenError();
    const [payload, signature] = outer.token.split('.');
    if (!payload || !signature) throw new InvalidTokenError();
    const given = Buffer.from(signature, 'base64url');
    const expected = mac(resolverId, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError();
    return toAttributeMap(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidTokenError('Invalid pagination token given.');
  }
}
