/** Per-stage settings: the only place where dev, staging and prod differ. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageConfig {
  readonly stage: StageName;
  /** Data-bearing resources (table, buckets, user pool, key, topics): RETAIN in prod. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB / Cognito deletion protection: on in prod only, so dev stacks tear down cleanly. */
  readonly deletionProtection: boolean;
  /** GraphQL introspection is a reconnaissance aid; production clients use generated types. */
  readonly introspection: boolean;
  readonly logRetention: RetentionDays;
}

export function isStage(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function stageConfig(stage: StageName): StageConfig {
  const prod = stage === 'prod';
  return {
    stage,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    introspection: !prod,
    logRetention: prod ? RetentionDays.SIX_MONTHS : stage === 'staging' ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK,
  };
}

/**
 * The storefront API key. Its expiry is a fixed, deliberate date (AppSync allows at most 365 days
 * ahead), never `Date.now()`: two synths must give identical templates. Bump `expires` to extend
 * the key in place; bump `generation` to rotate it (a new key replaces the old on deploy).
 */
export const STOREFRONT_KEY = { generation: 1, expires: '2027-11-01T00:00:00Z' } as const;

/** AppSync operation limits: deep or wide queries are rejected before any resolver runs. */
export const API_LIMITS = { queryDepthLimit: 10, resolverCountLimit: 500 } as const;

/** Latency objective from SPEC section 8 (p95 per API call on AWS). */
export const API_LATENCY_P95_MS = 300;
