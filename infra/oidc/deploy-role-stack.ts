/**
 * GitHub Actions → AWS without stored keys: the GitHub OIDC identity provider and two roles.
 *
 * - `stockroom-github-plan`: pull requests (`repo:<repo>:pull_request`); may assume only the CDK
 *   bootstrap *lookup* role, which is what `cdk diff --method=template` needs (read-only).
 * - `stockroom-github-deploy`: pushes to the deploy branch and jobs in the `staging` /
 *   `production` GitHub environments; may assume only the CDK bootstrap roles
 *   (deploy, file-publishing, image-publishing, lookup) of this account and region.
 *
 * Neither role gets any other permission: CloudFormation acts through the bootstrap
 * execution role, so what a deploy can change is governed by `cdk bootstrap`, not here.
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
const ISSUER = 'token.actions.githubusercontent.com';

export interface DeployRoleStackProps extends StackProps {
  /** `owner/name` of the GitHub repository. */
  readonly repo: string;
  /** Branch that deploys to staging (default `main`). */
  readonly branch?: string;
  /** GitHub environments allowed to deploy (default `staging`, `production`). */
  readonly environments?: readonly string[];
  /** CDK bootstrap qualifier (default `hnb659fds`, the CDK default). */
  readonly qualifier?: string;
  /** An existing GitHub OIDC provider ARN (one per account); created here when omitted. */
  readonly existingProviderArn?: string;
}

export class DeployRoleStack extends Stack {
  readonly planRole: iam.Role;
  readonly deployRole: iam.Role;

  constructor(scope: Construct, id: string, props: DeployRoleStackProps) {
    super(scope, id, props);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repo)) throw new Error(`repo must be owner/name, got "${props.repo}"`);
    const branch = props.branch ?? 'main';
    const environments = props.environments ?? ['staging', 'production'];
    const qualifier = props.qualifier ?? 'hnb659fds';

    const providerArn = props.existingProviderArn
      ?? new iam.OidcProviderNative(this, 'GitHubOidc', { url: GITHUB_OIDC_URL, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn;

    const principal = (subjects: string[]): iam.WebIdentityPrincipal =>
      new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
        // Exact subjects, no wildcards: other repos, forks and branches get nothing.
        'ForAnyValue:StringEquals': { [`${ISSUER}:sub`]: subjects },
      });

    const bootstrapRole = (kind: string): string =>
      `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-${kind}-role-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

    this.planRole = new iam.Role(this, 'PlanRole', {
      roleName: 'stockroom-github-plan',
      description: `GitHub Actions pull requests of ${props.repo}: cdk diff (lookup role only)`,
      assumedBy: principal([`repo:${props.repo}:pull_request`]),
      maxSessionDuration: Duration.hours(1),
    });
    this.planRole.addToPolicy(new iam.PolicyStatement({
      sid: 'AssumeCdkLookupRole',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: [bootstrapRole('lookup')],
    }));

    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: 'stockroom-github-deploy',
      description: `GitHub Actions deploys of ${props.repo} (${branch}, environments ${environments.join(', ')})`,
      assumedBy: principal([`repo:${props.repo}:ref:refs/heads/${branch}`, ...environments.map((e) => `repo:${props.repo}:environment:${e}`)]),
      maxSessionDuration: Duration.hours(1),
    });
    this.deployRole.addToPolicy(new iam.PolicyStatement({
      sid: 'AssumeCdkBootstrapRoles',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(bootstrapRole),
    }));

    new CfnOutput(this, 'PlanRoleArn', { value: this.planRole.roleArn, description: 'GitHub secret-free variable AWS_PLAN_ROLE_ARN' });
    new CfnOutput(this, 'DeployRoleArn', { value: this.deployRole.roleArn, description: 'GitHub variable AWS_DEPLOY_ROLE_ARN' });
  }
}
