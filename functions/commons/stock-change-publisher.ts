/**
 * The bridge from a stock change to its subscribers: calls AppSync's IAM-only
 * `publishStockChange` with a SigV4-signed request (service `appsync`), selecting every field of
 * StockChange (a subscriber only gets fields the mutation selected). For the stream publisher: a
 * failed call throws, so the batch is retried in stream order.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { StockChangeInput, StockStatus } from '../../resolvers/generated/graphql.js';
import type { InventoryState } from './inventory-model.js';

export const PUBLISH_STOCK_CHANGE = `mutation PublishStockChange($input: StockChangeInput!) {
  publishStockChange(input: $input) { productId warehouseId onHand reserved available threshold status sequence reason at }
}`;

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

/** Same thresholds as the resolvers: out of stock at 0 or below, low at or below the threshold. */
export function stockStatusOf(available: number, threshold: number): StockStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= threshold ? 'LOW_STOCK' : 'IN_STOCK';
}

/** The change to publish for an inventory item's new image. */
export function stockChangeOf(item: InventoryState): StockChangeInput {
  return {
    productId: item.productId,
    warehouseId: item.warehouseId,
    onHand: item.onHand,
    reserved: item.reserved,
    available: item.available,
    threshold: item.threshold,
    status: stockStatusOf(item.available, item.threshold),
    sequence: item.sequence,
    reason: item.lastMovement?.reason ?? null,
    at: item.updatedAt ?? item.lastMovement?.at ?? new Date().toISOString(),
  };
}

function credentialsFromEnv(): SigningCredentials {
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) throw new PublishError('no AWS credentials in the environment to sign publishStockChange');
  return { accessKeyId, secretAccessKey, sessionToken: process.env['AWS_SESSION_TOKEN'] };
}

export function createStockChangePublisher(options: PublisherOptions) {
  const url = new URL(options.graphqlUrl);
  const doFetch = options.fetch ?? fetch;
  return async function publishStockChange(change: StockChangeInput): Promise<void> {
    const credentials = await (options.credentials ?? credentialsFromEnv)();
    const body = JSON.stringify({ query: PUBLISH_STOCK_CHANGE, variables: { input: change } });
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
    let errors: unknown;
    try {
      errors = (JSON.parse(text) as { errors?: unknown }).errors;
    } catch {
      throw new PublishError(`publishStockChange answered HTTP ${response.status} with a non-JSON body`);
    }
    if (!response.ok || errors)
      throw new PublishError(`publishStockChange failed (HTTP ${response.status}): ${JSON.stringify(errors ?? text).slice(0, 500)}`);
  };
}
