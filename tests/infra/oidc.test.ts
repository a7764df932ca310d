import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
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
const roles = (): Record<string, { Properties: { RoleName: string; AssumeRolePolicyDocument: { Statement: Statement[] } } }> => template.findResources('AWS::IAM::Role') as ReturnType<typeof roles>;
const role = (name: string) => Object.values(roles()).find((r) => r.Properties.RoleName === name)!;

describe('infra/oidc deploy roles', () => {
  it('creates the GitHub OIDC provider for sts.amazonaws.com', () => {
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  it('trusts only this repository: main and the deploy environments for deploys, pull requests for plans', () => {
    const deployTrust = role('stockroom-github-deploy').Properties.AssumeRolePolicyDocument.Statement[0]!;
    expect(deployTrust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(deployTrust.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      'ForAnyValue:StringEquals': { 'token.actions.githubusercontent.com:sub': ['repo:acme/stockroom:ref:refs/heads/main', 'repo:acme/stockroom:environment:staging', 'repo:acme/stockroom:environment:production'] },
    });
    const planTrust = role('stockroom-github-plan').Properties.AssumeRolePolicyDocument.Statement[0]!;
    expect(planTrust.Condition?.['ForAnyValue:StringEquals']).toEqual({ 'token.actions.githubusercontent.com:sub': ['repo:acme/stockroom:pull_request'] });
  });

  it('lets the roles assume the CDK bootstrap roles and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(2);
    for (const st of statements) {
      expect(st.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      const text = JSON.stringify(st.Resource);
      expect(text).toMatch(/role\/cdk-hnb659fds-(deploy|file-publishing|image-publishing|lookup)-role-/);
      expect(text).not.toContain('*');
    }
    // The plan role's one resource is the lookup role; the deploy role's are the four bootstrap roles.
    const plan = statements.find((st) => !Array.isArray(st.Resource));
    expect(JSON.stringify(plan?.Resource)).toContain('-lookup-role-');
    expect(statements.find((st) => Array.isArray(st.Resource))?.Resource).toHaveLength(4);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  it('has no cdk-nag finding', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('rejects a repository that is not owner/name', () => {
    expect(() => new DeployRoleStack(new App(), 'bad', { repo: 'acme/*' })).toThrow(/owner\/name/);
  });
});
