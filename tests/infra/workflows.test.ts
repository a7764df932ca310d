/** The GitHub Actions workflows parse, name their jobs, and reach AWS through OIDC only. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../build/bundle.js';

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string> };
type Job = {
  name?: string;
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean };
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  steps?: Step[];
  uses?: string;
  if?: string;
};
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
};

const read = (file: string): { text: string; wf: Workflow } => {
  const text = readFileSync(join(PROJECT_ROOT, '.github', 'workflows', file), 'utf8');
  return { text, wf: parse(text) as Workflow };
};
const runs = (job: Job): string => (job.steps ?? []).map((s) => s.run ?? '').join('\n');
const envName = (job: Job): string | undefined => (typeof job.environment === 'string' ? job.environment : job.environment?.name);

describe('.github/workflows/ci.yml', () => {
  const { text, wf } = read('ci.yml');

  it('runs on pull requests and can be called by the deploy workflow', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request', 'workflow_call']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(wf.jobs)).toEqual(['verify', 'diff']);
  });

  it('installs, checks codegen, lints, typechecks, tests and synthesizes every stage, in that order', () => {
    const script = runs(wf.jobs.verify!);
    const order = ['npm ci', 'npm run codegen:check', 'npm run lint', 'npm run typecheck', 'npx vitest run', 'npx cdk synth'].map((cmd) =>
      script.indexOf(cmd),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(script).toContain('for stage in dev staging prod');
  });

  it('diffs against staging with an OIDC-assumed role', () => {
    const diff = wf.jobs.diff!;
    expect(diff.needs).toBe('verify');
    expect(diff.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const creds = diff.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\./);
    expect(runs(diff)).toContain('cdk diff -c stage=staging');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('fails the diff step when cdk diff fails, although its output is piped to tee', () => {
    const step = wf.jobs.diff!.steps!.find((s) => s.run?.includes('cdk diff'))!;
    const lines = step.run!.split('\n');
    const pipefail = lines.findIndex((l) => /^\s*set -o pipefail\b/.test(l));
    const piped = lines.findIndex((l) => /cdk diff.*\|\s*tee\b/.test(l));
    expect(piped).toBeGreaterThanOrEqual(0);
    expect(pipefail).toBeGreaterThanOrEqual(0);
    expect(pipefail).toBeLessThan(piped);
  });
});

describe('.github/workflows/deploy.yml', () => {
  const { text, wf } = read('deploy.yml');

  it('runs on pushes to main and verifies before deploying', () => {
    expect(wf.on).toMatchObject({ push: { branches: ['main'] } });
    expect(Object.keys(wf.jobs)).toEqual(['verify', 'deploy-staging', 'deploy-production']);
    expect(wf.jobs.verify!.uses).toBe('./.github/workflows/ci.yml');
  });

  it('deploys staging, then prod behind the production environment, each through OIDC', () => {
    const staging = wf.jobs['deploy-staging']!;
    const prod = wf.jobs['deploy-production']!;
    expect(staging.needs).toBe('verify');
    expect(prod.needs).toBe('deploy-staging');
    expect(envName(staging)).toBe('staging');
    expect(envName(prod)).toBe('production');
    for (const [job, stage] of [
      [staging, 'staging'],
      [prod, 'prod'],
    ] as const) {
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(job.steps!.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))).toBe(true);
      expect(runs(job)).toContain(`npx cdk deploy -c stage=${stage} stockroom-${stage}`);
    }
    // Each environment has its own role, which trusts only that environment's OIDC subject.
    const roleOf = (job: Job): string | undefined =>
      job.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'];
    expect(roleOf(staging)).toBe('${{ vars.AWS_STAGING_DEPLOY_ROLE_ARN }}');
    expect(roleOf(prod)).toBe('${{ vars.AWS_PRODUCTION_DEPLOY_ROLE_ARN }}');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\.AWS/);
  });

  it('deploys from main only, one deploy per environment at a time, never cancelled half-way', () => {
    expect(wf.concurrency).toBeUndefined();
    for (const [id, env] of [
      ['deploy-staging', 'staging'],
      ['deploy-production', 'production'],
    ] as const) {
      const job = wf.jobs[id]!;
      expect(job.if).toBe("github.ref == 'refs/heads/main'");
      expect(job.concurrency).toEqual({ group: `deploy-${env}`, 'cancel-in-progress': false });
    }
  });
});
