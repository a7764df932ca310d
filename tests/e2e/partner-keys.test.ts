/**
 * Partner key lifecycle over HTTP: create (secret once, stored hashed) → use → list (no secrets,
 * last-used) → revoke → refused at once, even inside the authorizer cache TTL.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../local/services/dynamodb-local.js';
import { startTestApi, type TestApi } from './helpers/local-api.js';

const GET = 'query { stockLevel(productId: "pk-p", warehouseId: "w1") { onHand } }';
const LIST =
  'query($p: ID) { partnerKeys(partnerId: $p) { items { keyId partnerId scopes status createdAt lastUsedAt revokedAt } nextToken } }';
const REVOKE = 'mutation($k: ID!) { revokePartnerKey(keyId: $k) { keyId status revokedAt } }';

let api: TestApi;
beforeAll(async () => {
  // A long TTL proves that revocation does not wait for the cache to expire.
  api = await startTestApi({ authorizerTtlSeconds: 3600 });
  await api.gql(api.admin, 'mutation { setStock(input: {productId: "pk-p", warehouseId: "w1", onHand: 7}) { version } }');
});
afterAll(async () => api?.stop());

describe('partner keys', () => {
  it('creates a key whose secret is returned once and stored only as a salted hash', async () => {
    const r = await api.gql<{ createPartnerKey: Record<string, unknown> }>(
      api.admin,
      'mutation { createPartnerKey(partnerId: "acme", scopes: ["inventory:read", "orders:read"]) { keyId partnerId scopes createdAt secret } }',
    );
    const created = r.body.data!.createPartnerKey as { keyId: string; secret: string; scopes: string[] };
    expect(created.secret).toMatch(/^sk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.secret).toContain(created.keyId);
    expect(created.scopes).toEqual(['inventory:read', 'orders:read']);

    const client = createDynamoClient(api.s.dynamoEndpoint);
    const item = (
      await client.send(
        new GetItemCommand({ TableName: api.s.tableName, Key: { pk: { S: `PARTNERKEY#${created.keyId}` }, sk: { S: 'PARTNERKEY' } } }),
      )
    ).Item!;
    client.destroy();
    const secretPart = created.secret.split('_').slice(2).join('_');
    expect(JSON.stringify(item)).not.toContain(secretPart);
    expect(item['hash']?.S).toMatch(/^[0-9a-f]{64}$/);
    expect(item['salt']?.S).toBeTruthy();

    const listed = await api.gql<{ partnerKeys: { items: Record<string, unknown>[] } }>(api.admin, LIST, { p: 'acme' });
    expect(JSON.stringify(listed.body)).not.toContain('secret');
    expect(listed.body.data!.partnerKeys.items).toEqual([
      expect.objectContaining({ keyId: created.keyId, partnerId: 'acme', status: 'ACTIVE', lastUsedAt: null, revokedAt: null }),
    ]);
  });

  it('rejects unknown scopes and bad partner ids with a ValidationError', async () => {
    const r = await api.gql(api.admin, 'mutation { createPartnerKey(partnerId: "acme", scopes: ["admin:all"]) { keyId } }');
    expect(r.body.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'scopes' } });
    const bad = await api.gql(api.admin, 'mutation { createPartnerKey(partnerId: "no spaces", scopes: ["inventory:read"]) { keyId } }');
    expect(bad.body.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'partnerId' } });
  });

  it('lets only admins manage keys', async () => {
    for (const caller of [api.apiKey, api.user, api.iam]) {
      const r = await api.gql(caller, LIST, {});
      expect(r.body.errors![0]!.errorType, caller.name).toBe('Unauthorized');
    }
  });

  it('authorizes a valid key, records last use, and refuses it at once after revocation', async () => {
    const { keyId, secret } = await api.createPartnerKey('revokee', ['inventory:read']);
    const partner = api.partner(secret);
    const before = api.s.authorizer!.invocations;
    expect((await api.gql(partner, GET)).body).toEqual({ data: { stockLevel: { onHand: 7 } } });
    expect((await api.gql(partner, GET)).body).toEqual({ data: { stockLevel: { onHand: 7 } } });
    expect(api.s.authorizer!.invocations - before).toBe(1); // the second call was served from the cache

    const listed = await api.gql<{ partnerKeys: { items: { lastUsedAt: string | null }[] } }>(api.admin, LIST, { p: 'revokee' });
    expect(listed.body.data!.partnerKeys.items[0]!.lastUsedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const revoked = await api.gql<{ revokePartnerKey: { status: string } }>(api.admin, REVOKE, { k: keyId });
    expect(revoked.body.data!.revokePartnerKey.status).toBe('REVOKED');

    const after = await api.gql(partner, GET);
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
  });

  it('answers NotFound for revoking an unknown key and ValidationError for a malformed id', async () => {
    expect((await api.gql(api.admin, REVOKE, { k: '0123456789abcdef' })).body.errors![0]!.errorType).toBe('NotFound');
    expect((await api.gql(api.admin, REVOKE, { k: 'nope' })).body.errors![0]!.errorType).toBe('ValidationError');
  });

  it('refuses a forged key (right id, wrong secret) and an unknown key with 401', async () => {
    const { keyId } = await api.createPartnerKey('forged', ['inventory:read']);
    const forged = await api.gql(api.partner(`sk_${keyId}_${'A'.repeat(43)}`), GET);
    expect(forged.status).toBe(401);
    expect((await api.gql(api.partner('sk_unknown'), GET)).status).toBe(401);
  });
});
