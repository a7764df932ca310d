/**
 * One SigV4-signed GraphQL call to AppSync (service `appsync`) with the function's own IAM
 * credentials: what the IAM-only publish mutations (`publishStockChange`, `publishOrderChange`,
 * `publishAlert`, ...) are called with. A refusal throws a `PublishError`, so a stream batch is
 * retried in order.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface PublisherOptions {
  /** `https://<api>/graphql` (the GRAPHQL_URL of a function with a graphqlIam grant). */
  readonly graphqlUrl: string;
  readonly region: string;
  /** Default: the function's own credentials from its environment (as Lambda provides them). */
  readonly credentials?: () => Promise<SigningCredentials> | SigningCredentials;
  readonly fetch?: typeof fetch;
}

export class PublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishError';
  }
}

function credentialsFromEnv(operation: string): SigningCredentials {
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) throw new PublishError(`no AWS credentials in the environment to sign ${operation}`);
  return { accessKeyId, secretAccessKey, sessionToken: process.env['AWS_SESSION_TOKEN'] };
}

/** `call(operation, query, variables)` resolves with `data`, or throws a PublishError naming `operation`. */
export function createIamGraphqlCaller(options: PublisherOptions) {
  const url = new URL(options.graphqlUrl);
  const doFetch = options.fetch ?? fetch;
  return async function call(operation: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
    const credentials = await (options.credentials ?? (() => credentialsFromEnv(operation)))();
    const body = JSON.stringify({ query, variables });
    const signer = new SignatureV4({ credentials, region: options.region, service: 'appsync', sha256: Sha256 });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
    const response = await doFetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    let parsed: { data?: unknown; errors?: unknown };
    try {
      parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    } catch {
      throw new PublishError(`${operation} answered HTTP ${response.status} with a non-JSON body`);
    }
    if (!response.ok || parsed.errors)
      throw new PublishError(`${operation} failed (HTTP ${response.status}): ${JSON.stringify(parsed.errors ?? text).slice(0, 500)}`);
    return parsed.data;
  };
}
