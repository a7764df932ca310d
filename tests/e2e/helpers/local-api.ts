/**
 * Starts the local API in-process for one test file: the run's shared DynamoDB Local
 * (globalSetup) with a unique stage, no demo data, no connection file. Gives HTTP callers for every
 * auth mode, as a client would connect.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomBytes } from 'node:crypto';
import { dropStage, startStockroom, type StartOptions, type Stockroom } from '../../../local/server/start.js';
import { dynamoEndpoint } from '../../setup/tables.js';

export type Caller = { name: string; headers: () => Promise<Record<string, string>> | Record<string, string>; iam?: boolean };

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      errorType: string | null;
      errorInfo?: unknown;
      data?: unknown;
      path?: (string | number)[] | null;
      locations?: unknown;
    }[];
  };
}

export interface TestApi {
  readonly s: Stockroom;
  readonly apiKey: Caller;
  readonly admin: Caller;
  readonly user: Caller;
  readonly iam: Caller;
  readonly none: Caller;
  partner(key: string, name?: string): Caller;
  gql<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  raw(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }>;
  createPartnerKey(partnerId: string, scopes?: string[]): Promise<{ keyId: string; secret: string }>;
  stop(): Promise<void>;
}

export const ALL_SCOPES = ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'];

export async function signedHeaders(s: Stockroom, body: string, credentials = s.iamCredentials): Promise<Record<string, string>> {
  const url = new URL(s.graphqlUrl);
  const signer = new SignatureV4({ credentials, region: credentials.region, service: 'appsync', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') out[k] = String(v);
  return out;
}

export async function startTestApi(options: Partial<StartOptions> = {}): Promise<TestApi> {
  const endpoint = dynamoEndpoint();
  const stage = `e${randomBytes(4).toString('hex')}`;
  const s = await startStockroom({
    dynamoEndpoint: endpoint,
    stage,
    port: 0,
    inMemory: true,
    demoData: false,
    writeConnectionFile: false,
    log: () => undefined,
    ...options,
  });
  const adminToken = s.adminToken;
  const userToken = await s.issueToken({ username: 'clerk', groups: ['staff'] });

  async function raw(body: string, headers: Record<string, string>) {
    const res = await fetch(s.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, text: await res.text() };
  }

  async function gql<T>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const body = JSON.stringify({ query, variables });
    const headers = caller.iam ? await signedHeaders(s, body) : await caller.headers();
    const r = await raw(body, headers);
    return { status: r.status, body: JSON.parse(r.text) as GqlResponse<T>['body'] };
  }

  const admin: Caller = { name: 'cognito-admin', headers: () => ({ authorization: adminToken }) };
  const api: TestApi = {
    s,
    apiKey: { name: 'api-key', headers: () => ({ 'x-api-key': s.apiKey }) },
    admin,
    user: { name: 'cognito-user', headers: () => ({ authorization: userToken }) },
    iam: { name: 'iam', headers: () => ({}), iam: true },
    none: { name: 'none', headers: () => ({}) },
    partner: (key, name = 'partner') => ({ name, headers: () => ({ authorization: key }) }),
    gql,
    raw,
    async createPartnerKey(partnerId, scopes = ALL_SCOPES) {
      const r = await gql<{ createPartnerKey: { keyId: string; secret: string } }>(
        admin,
        'mutation($p: ID!, $s: [String!]!) { createPartnerKey(partnerId: $p, scopes: $s) { keyId secret } }',
        { p: partnerId, s: scopes },
      );
      if (!r.body.data?.createPartnerKey) throw new Error(`createPartnerKey failed: ${JSON.stringify(r.body)}`);
      return r.body.data.createPartnerKey;
    },
    async stop() {
      await s.stop();
      await dropStage(endpoint, stage);
    },
  };
  return api;
}
