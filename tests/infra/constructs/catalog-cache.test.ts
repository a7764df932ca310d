/** Synth of the catalog's AppSync cache: per stage TTL, public product reads cached, nothing else. */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../../build/bundle.js';
import { CACHED_FIELDS, CATALOG_CACHE_TTL_SECONDS } from '../../../infra/constructs/catalog-cache.js';
import { resourcesOf, synth, type Synthesized } from '../helpers.js';

let dev: Synthesized;
let prod: Synthesized;
beforeAll(async () => {
  const bundles = await buildResolvers();
  dev = synth('dev', bundles);
  prod = synth('prod', bundles);
}, 240_000);

describe('catalog cache', () => {
  it.each([
    ['dev', () => dev],
    ['prod', () => prod],
  ] as const)('%s: one encrypted per-resolver cache with the stage TTL', (stage, get) => {
    get().template.resourceCountIs('AWS::AppSync::ApiCache', 1);
    get().template.hasResourceProperties('AWS::AppSync::ApiCache', {
      ApiCachingBehavior: 'PER_RESOLVER_CACHING',
      Ttl: CATALOG_CACHE_TTL_SECONDS[stage],
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
    });
  });

  it('caches exactly the public product reads, keyed by their arguments', () => {
    const resolvers = resourcesOf(prod.json, 'AWS::AppSync::Resolver').map(([, r]) => r) as unknown as {
      Properties: { TypeName: string; FieldName: string; CachingConfig?: { Ttl: number; CachingKeys: string[] } };
    }[];
    const cached = resolvers.filter((r) => r.Properties.CachingConfig).map((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}`);
    expect(cached.sort()).toEqual(Object.keys(CACHED_FIELDS).sort());
    for (const r of resolvers.filter((x) => x.Properties.CachingConfig)) {
      const field = `${r.Properties.TypeName}.${r.Properties.FieldName}`;
      expect(r.Properties.CachingConfig).toEqual({ Ttl: CATALOG_CACHE_TTL_SECONDS.prod, CachingKeys: CACHED_FIELDS[field] });
    }
    prod.template.hasResourceProperties('AWS::AppSync::Resolver', { FieldName: 'recommendations', CachingConfig: Match.absent() });
  });
});
