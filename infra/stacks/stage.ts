/** Per-stage settings: the only place where dev, staging and prod differ. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageConfig {
  readonly stage: StageName;
  /**
   * Data-bearing resources (table, buckets, user pool, key, log groups, queues): in prod they are
   * kept on delete and on replacement, but not when their own creation fails, so a failed first
   * create rolls back cleanly and a retry does not collide with fixed names left behind.
   */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB / Cognito deletion protection: on in prod only, so dev stacks tear down cleanly. */
  readonly deletionProtection: boolean;
  /** GraphQL introspection is a reconnaissance aid; production clients use generated types. */
  readonly introspection: boolean;
  readonly logRetention: RetentionDays;
  /**
   * Applies the wiring's `reservedConcurrency` (the sweeper's 1). Off by default: a new account's
   * Lambda concurrency quota (10) cannot spare any reservation, since Lambda keeps 100 unreserved,
   * and the deploy would fail. Single-run safety never depends on it: the sweeper's writes are
   * conditional. Opt in per stage with `-c reserveConcurrency=true` where the quota allows.
   */
  readonly reserveConcurrency: boolean;
  /**
   * Declares only the first N global secondary indexes of each table (wiring order), or all of
   * them when undefined. CloudFormation creates or deletes at most one GSI per table per stack
   * update, so a stack deployed before newer indexes existed is brought up one index per deploy
   * with `-c indexLimit=<indexes it has + 1>` (docs/deploy.md, "Adding indexes to a deployed stack").
   */
  readonly indexLimit: number | undefined;
}

export interface StageOptions {
  readonly reserveConcurrency?: boolean;
  readonly indexLimit?: number;
}

export function isStage(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function stageConfig(stage: StageName, options: StageOptions = {}): StageConfig {
  const prod = stage === 'prod';
  return {
    stage,
    removalPolicy: prod ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    introspection: !prod,
    logRetention: prod ? RetentionDays.SIX_MONTHS : stage === 'staging' ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK,
    reserveConcurrency: options.reserveConcurrency ?? false,
    indexLimit: options.indexLimit,
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

/** Latency objective of the API: p95 per call on AWS (docs/deploy.md, Alarms). */
export const API_LATENCY_P95_MS = 300;
