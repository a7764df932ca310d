/**
 * Calls the API's IAM-only mutations (publishStockChange, publishAlert) as AppSync expects:
 * a SigV4-signed POST (service `appsync`) with the function's own credentials. A GraphQL error or
 * a non-2xx answer throws, so the caller's event or record is retried.
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

function credentialsFromEnv(): SigningCredentials {
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) throw new PublishError('no AWS credentials in the environment to sign an IAM mutation');
  return { accessKeyId, secretAccessKey, sessionToken: process.env['AWS_SESSION_TOKEN'] };
}

/** `call(name, query, variables)` posts one signed operation; `name` labels its errors. */
export function createIamGraphqlCaller(options: PublisherOptions) {
  const url = new URL(options.graphqlUrl);
  const doFetch = options.fetch ?? fetch;
  return async function call(name: string, query: string, variables: Record<string, unknown>): Promise<void> {
    const credentials = await (options.credentials ?? credentialsFromEnv)();
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
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([header]) => header.toLowerCase() !== 'host'));
    const response = await doFetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    let errors: unknown;
    try {
      errors = (JSON.parse(text) as { errors?: unknown }).errors;
    } catch {
      throw new PublishError(`${name} answered HTTP ${response.status} with a non-JSON body`);
    }
    if (!response.ok || errors)
      throw new PublishError(`${name} failed (HTTP ${response.status}): ${JSON.stringify(errors ?? text).slice(0, 500)}`);
  };
}
