/**
 * AppSync server-side caching of the public catalog reads (docs/catalog.md, "Caching"): a
 * per-resolver cache, keyed by the field's arguments only, on `product`, `productsByCategory` and
 * `searchProducts`. Every other field (recommendations, stock, orders, all admin fields) is never
 * cached. `upsertProduct` evicts the `product(id)` entry it changes; lists and searches may lag
 * behind a write by up to the stage's TTL.
 */
import { aws_appsync as appsync } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig, StageName } from '../stacks/stage.js';

/** Seconds a cached public read is served: short in dev, where writes are checked by hand. */
export const CATALOG_CACHE_TTL_SECONDS: Readonly<Record<StageName, number>> = { dev: 15, staging: 30, prod: 60 };
export const CATALOG_CACHE_TYPE: Readonly<Record<StageName, string>> = { dev: 'SMALL', staging: 'SMALL', prod: 'MEDIUM' };

/** The cached fields and their caching keys (exactly the arguments that change the answer). */
export const CACHED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'Query.product': ['$context.arguments.id'],
  'Query.productsByCategory': [
    '$context.arguments.category',
    '$context.arguments.sort',
    '$context.arguments.limit',
    '$context.arguments.nextToken',
  ],
  'Query.searchProducts': [
    '$context.arguments.prefix',
    '$context.arguments.category',
    '$context.arguments.limit',
    '$context.arguments.nextToken',
  ],
};

export interface CatalogCacheProps {
  readonly api: appsync.GraphqlApi;
  readonly resolvers: ReadonlyMap<string, appsync.Resolver>;
  readonly config: StageConfig;
}

export class CatalogCache extends Construct {
  readonly cache: appsync.CfnApiCache;

  constructor(scope: Construct, id: string, props: CatalogCacheProps) {
    super(scope, id);
    const ttl = CATALOG_CACHE_TTL_SECONDS[props.config.stage];
    this.cache = new appsync.CfnApiCache(this, 'ApiCache', {
      apiId: props.api.apiId,
      apiCachingBehavior: 'PER_RESOLVER_CACHING',
      type: CATALOG_CACHE_TYPE[props.config.stage],
      ttl,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
    });
    for (const [field, cachingKeys] of Object.entries(CACHED_FIELDS)) {
      // A stack built from another wiring (the infra tests' fixtures) may not have the catalog.
      const resolver = props.resolvers.get(field);
      if (!resolver) continue;
      (resolver.node.defaultChild as appsync.CfnResolver).cachingConfig = { ttl, cachingKeys: [...cachingKeys] };
      resolver.node.addDependency(this.cache);
    }
  }
}
