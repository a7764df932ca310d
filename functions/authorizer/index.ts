/**
 * The partner-key function. Two entry points in one handler, because both are the partner-key
 * store (format, hashing) and nothing else should know it:
 * - AppSync Lambda authorizer: `{authorizationToken, requestContext, requestHeaders}` →
 *   `{isAuthorized, resolverContext, deniedFields, ttlOverride}`;
 * - AppSync AWS_LAMBDA data source (`Mutation.createPartnerKey`): `{action: 'createPartnerKey',
 *   partnerId, scopes}` → the new key, its secret included this one time.
 *
 * resolverContext values must be strings on AppSync: scopes are comma-joined.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../commons/table-client.js';
import { functionLogger } from '../commons/observability/logger.js';
import { instrumented } from '../commons/observability/handler.js';
import {
  newPartnerKey,
  PARTNER_ID_PATTERN,
  PARTNER_SCOPES,
  parseKey,
  partnerKeyKey,
  secretMatches,
  type PartnerKeyRecord,
} from '../commons/partner-keys.js';

export interface AuthorizerEvent {
  authorizationToken: string;
  requestContext?: {
    apiId?: string;
    accountId?: string;
    requestId?: string;
    queryString?: string;
    operationName?: string;
    variables?: Record<string, unknown>;
  };
  requestHeaders?: Record<string, string>;
}

export interface AuthorizerResponse {
  isAuthorized: boolean;
  resolverContext?: Record<string, string>;
  deniedFields?: string[];
  ttlOverride?: number;
}

export interface CreatePartnerKeyEvent {
  action: 'createPartnerKey';
  partnerId: string;
  scopes: string[];
}

export interface CreatedPartnerKey {
  keyId: string;
  partnerId: string;
  scopes: string[];
  createdAt: string;
  secret: string;
}

export interface Deps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now?: () => Date;
}

/** last-used is written at most once a minute per key (a write per request would be waste). */
const LAST_USED_THROTTLE_MS = 60_000;
const log = functionLogger('authorizer');
const DENY: AuthorizerResponse = { isAuthorized: false };

export function createPartnerKeyFunction(deps: Deps) {
  const now = deps.now ?? (() => new Date());

  async function authorize(event: AuthorizerEvent): Promise<AuthorizerResponse> {
    const parsed = parseKey(typeof event.authorizationToken === 'string' ? event.authorizationToken : '');
    if (!parsed) return DENY;
    const found = await deps.doc.send(
      new GetCommand({ TableName: deps.tableName, Key: partnerKeyKey(parsed.keyId), ConsistentRead: true }),
    );
    const record = found.Item as PartnerKeyRecord | undefined;
    if (!record || record.entity !== 'PartnerKey' || !secretMatches(record, parsed.secret)) return DENY;
    if (record.revokedAt) return DENY;
    const at = now();
    const last = record.lastUsedAt ? Date.parse(record.lastUsedAt) : 0;
    if (at.getTime() - last >= LAST_USED_THROTTLE_MS) {
      try {
        await deps.doc.send(
          new UpdateCommand({
            TableName: deps.tableName,
            Key: partnerKeyKey(parsed.keyId),
            UpdateExpression: 'SET lastUsedAt = :now',
            // Never touch a key revoked (or deleted) meanwhile.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':now': at.toISOString() },
          }),
        );
      } catch (error) {
        // The key was revoked between our read and this write: deny rather than let it live on.
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return DENY;
        log.warn('last-used update skipped', { keyId: parsed.keyId, error });
      }
    }
    return {
      isAuthorized: true,
      resolverContext: { partnerId: record.partnerId, scopes: record.scopes.join(','), keyId: record.keyId },
      deniedFields: [],
    };
  }

  async function create(event: CreatePartnerKeyEvent): Promise<CreatedPartnerKey> {
    if (typeof event.partnerId !== 'string' || !PARTNER_ID_PATTERN.test(event.partnerId)) throw new Error('partnerId is invalid');
    const scopes = Array.isArray(event.scopes) ? [...new Set(event.scopes)] : [];
    if (scopes.length === 0 || scopes.some((s) => !(PARTNER_SCOPES as readonly string[]).includes(s)))
      throw new Error('scopes are invalid');
    const { key, record } = newPartnerKey(event.partnerId, scopes, now().toISOString());
    await deps.doc.send(new PutCommand({ TableName: deps.tableName, Item: record, ConditionExpression: 'attribute_not_exists(pk)' }));
    log.info('partner key created', { keyId: record.keyId, partnerId: record.partnerId });
    return { keyId: record.keyId, partnerId: record.partnerId, scopes: record.scopes, createdAt: record.createdAt, secret: key };
  }

  return async function handle(event: unknown): Promise<AuthorizerResponse | CreatedPartnerKey> {
    if (event && typeof event === 'object' && 'authorizationToken' in event) {
      try {
        return await authorize(event as AuthorizerEvent);
      } catch (error) {
        // Fail closed: an unreadable store denies (AppSync answers 401).
        log.error('authorization failed', { error });
        return DENY;
      }
    }
    if (event && typeof event === 'object' && (event as { action?: unknown }).action === 'createPartnerKey') {
      return create(event as CreatePartnerKeyEvent);
    }
    throw new Error('Unsupported event');
  };
}

/** Lambda entry: table and client from the environment at invocation time. */
export const handler = instrumented(async (event: unknown): Promise<AuthorizerResponse | CreatedPartnerKey> => {
  const tableName = process.env['TABLE_NAME'];
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return createPartnerKeyFunction({ doc: documentClient(), tableName })(event);
});
