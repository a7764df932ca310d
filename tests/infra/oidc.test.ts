import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../build/bundle.js';
import { DeployRoleStack } from '../../infra/oidc/deploy-role-stack.js';

let template: Template;
let app: App;

beforeAll(() => {
  app = new App();
  const stack = new DeployRoleStack(app, 'oidc', { repo: 'acme/stockroom' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(stack);
});

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const roles = (): Record<string, { Properties: { RoleName: string; AssumeRolePolicyDocument: { Statement: Statement[] } } }> =>
  template.findResources('AWS::IAM::Role') as ReturnType<typeof roles>;
const role = (name: string) => Object.values(roles()).find((r) => r.Properties.RoleName === name)!;

describe('infra/oidc deploy roles', () => {
  it('creates the GitHub OIDC provider for sts.amazonaws.com', () => {
    template.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('trusts only this repository: one deploy role per GitHub environment, pull requests for plans', () => {
    const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
    for (const env of ['staging', 'production']) {
      const trust = role(`stockroom-github-deploy-${env}`).Properties.AssumeRolePolicyDocument.Statement;
      expect(trust).toHaveLength(1);
      expect(trust[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
      // Exactly the environment's subject: a job on main outside the environment (and its reviewers) gets nothing.
      expect(trust[0]!.Condition).toEqual({
        StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': `repo:acme/stockroom:environment:${env}` },
      });
    }
    const planTrust = role('stockroom-github-plan').Properties.AssumeRolePolicyDocument.Statement;
    expect(planTrust).toHaveLength(1);
    expect(planTrust[0]!.Condition).toEqual({
      StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:acme/stockroom:pull_request' },
    });
    expect(
      Object.values(roles())
        .map((r) => r.Properties.RoleName)
        .sort(),
    ).toEqual(['stockroom-github-deploy-production', 'stockroom-github-deploy-staging', 'stockroom-github-plan']);
    expect(JSON.stringify(roles())).not.toMatch(/refs\/heads|ForAnyValue/);
  });

  it('lets the roles assume the CDK bootstrap roles and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };
    }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(3);
    for (const st of statements) {
      expect(st.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      const text = JSON.stringify(st.Resource);
      expect(text).toMatch(/role\/cdk-hnb659fds-(deploy|file-publishing|lookup)-role-/);
      expect(text).not.toContain('image-publishing');
      expect(text).not.toContain('*');
    }
    const kinds = (st: Statement): string[] =>
      [...JSON.stringify(st.Resource).matchAll(/role\/cdk-hnb659fds-([a-z-]+)-role-/g)].map((m) => m[1]!);
    const byRole = new Map(
      Object.entries(roles()).map(([logicalId, r]) => [
        r.Properties.RoleName,
        policies
          .filter((p) => p.Properties.Roles.some((ref) => ref.Ref === logicalId))
          .flatMap((p) => p.Properties.PolicyDocument.Statement),
      ]),
    );
    expect(byRole.get('stockroom-github-plan')!.flatMap(kinds)).toEqual(['lookup']);
    for (const env of ['staging', 'production'])
      expect(byRole.get(`stockroom-github-deploy-${env}`)!.flatMap(kinds)).toEqual(['deploy', 'file-publishing', 'lookup']);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  it('outputs each role ARN under the name of the GitHub variable the workflows read', () => {
    const outputs = template.findOutputs('*') as Record<string, { Description: string; Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['AwsProductionDeployRoleArn', 'AwsStagingDeployRoleArn', 'AwsStagingPlanRoleArn']);
    expect(outputs['AwsStagingPlanRoleArn']!.Description).toContain('AWS_STAGING_PLAN_ROLE_ARN');
    expect(outputs['AwsStagingDeployRoleArn']!.Description).toContain('AWS_STAGING_DEPLOY_ROLE_ARN');
    expect(outputs['AwsProductionDeployRoleArn']!.Description).toContain('AWS_PRODUCTION_DEPLOY_ROLE_ARN');
    const ci =
      readFileSync(join(PROJECT_ROOT, '.github', 'workflows', 'ci.yml'), 'utf8') +
      readFileSync(join(PROJECT_ROOT, '.github', 'workflows', 'deploy.yml'), 'utf8');
    for (const variable of ['AWS_STAGING_PLAN_ROLE_ARN', 'AWS_STAGING_DEPLOY_ROLE_ARN', 'AWS_PRODUCTION_DEPLOY_ROLE_ARN'])
      expect(ci).toContain(`vars.${variable}`);
  });

  it('has no cdk-nag finding', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('rejects a repository that is not owner/name', () => {
    expect(() => new DeployRoleStack(new App(), 'bad', { repo: 'acme/*' })).toThrow(/owner\/name/);
  });
});
