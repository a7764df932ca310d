/**
 * GitHub Actions → AWS without stored keys: the GitHub OIDC identity provider and these roles.
 *
 * - `stockroom-github-plan`: pull requests (`repo:<repo>:pull_request`); may assume only the CDK
 *   bootstrap *lookup* role, which is what `cdk diff --method=template` needs (read-only).
 * - `stockroom-github-deploy-<environment>` (default `staging` and `production`): trusts exactly
 *   the jobs of that one GitHub environment (`repo:<repo>:environment:<environment>`), so a
 *   production deploy needs the `production` environment and its protection rules (reviewers,
 *   deployment branches); a workflow that merely runs on main gets nothing. May assume only the
 *   CDK bootstrap deploy, file-publishing and lookup roles of this account and region (Stockroom
 *   has no container assets, so no image-publishing).
 *
 * No role gets any other permission: CloudFormation acts through the bootstrap execution role,
 * so what a deploy can change is governed by `cdk bootstrap`, not here. Each role ARN is output
 * under the name of the GitHub variable the workflows read it from (`AWS_STAGING_PLAN_ROLE_ARN`,
 * `AWS_<ENVIRONMENT>_DEPLOY_ROLE_ARN`).
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
const ISSUER = 'token.actions.githubusercontent.com';

export interface DeployRoleStackProps extends StackProps {
  /** `owner/name` of the GitHub repository. */
  readonly repo: string;
  /** GitHub environments that deploy, one role each (default `staging`, `production`). */
  readonly environments?: readonly string[];
  /** CDK bootstrap qualifier (default `hnb659fds`, the CDK default). */
  readonly qualifier?: string;
  /** An existing GitHub OIDC provider ARN (one per account); created here when omitted. */
  readonly existingProviderArn?: string;
}

export class DeployRoleStack extends Stack {
  readonly planRole: iam.Role;
  /** Deploy role per GitHub environment. */
  readonly deployRoles = new Map<string, iam.Role>();

  constructor(scope: Construct, id: string, props: DeployRoleStackProps) {
    super(scope, id, props);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repo)) throw new Error(`repo must be owner/name, got "${props.repo}"`);
    const environments = props.environments ?? ['staging', 'production'];
    const qualifier = props.qualifier ?? 'hnb659fds';

    const providerArn =
      props.existingProviderArn ??
      new iam.OidcProviderNative(this, 'GitHubOidc', { url: GITHUB_OIDC_URL, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn;

    // One exact subject per role (`sub` is single-valued: StringEquals, no wildcards, no
    // ForAnyValue): other repos, forks, branches and environments get nothing.
    const principal = (subject: string): iam.WebIdentityPrincipal =>
      new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: subject },
      });
    const assume = (role: iam.Role, sid: string, kinds: string[]): void => {
      role.addToPolicy(
        new iam.PolicyStatement({ sid, actions: ['sts:AssumeRole', 'sts:TagSession'], resources: kinds.map(bootstrapRole) }),
      );
    };

    const bootstrapRole = (kind: string): string =>
      `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-${kind}-role-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

    this.planRole = new iam.Role(this, 'PlanRole', {
      roleName: 'stockroom-github-plan',
      description: `GitHub Actions pull requests of ${props.repo}: cdk diff (lookup role only)`,
      assumedBy: principal(`repo:${props.repo}:pull_request`),
      maxSessionDuration: Duration.hours(1),
    });
    assume(this.planRole, 'AssumeCdkLookupRole', ['lookup']);
    new CfnOutput(this, 'AwsStagingPlanRoleArn', {
      value: this.planRole.roleArn,
      description: 'GitHub repository variable AWS_STAGING_PLAN_ROLE_ARN (the cdk diff of pull requests)',
    });

    for (const environment of environments) {
      if (!/^[a-z][a-z0-9-]*$/.test(environment))
        throw new Error(`environment must be lowercase letters, digits and dashes, got "${environment}"`);
      const pascal = environment
        .split('-')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      const role = new iam.Role(this, `DeployRole${pascal}`, {
        roleName: `stockroom-github-deploy-${environment}`,
        description: `GitHub Actions deploys of ${props.repo} from its ${environment} environment`,
        assumedBy: principal(`repo:${props.repo}:environment:${environment}`),
        maxSessionDuration: Duration.hours(1),
      });
      assume(role, 'AssumeCdkBootstrapRoles', ['deploy', 'file-publishing', 'lookup']);
      this.deployRoles.set(environment, role);
      const variable = `AWS_${environment.toUpperCase().replace(/-/g, '_')}_DEPLOY_ROLE_ARN`;
      new CfnOutput(this, `Aws${pascal}DeployRoleArn`, {
        value: role.roleArn,
        description: `GitHub variable ${variable} (in the ${environment} environment)`,
      });
    }
  }
}
