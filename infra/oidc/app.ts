/**
 * Separate CDK app for the CI identity (deploy once per AWS account, by an administrator):
 *   npx cdk deploy --app "npx tsx infra/oidc/app.ts" -c repo=<owner>/<name>
 *     [-c oidcProviderArn=arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com]
 * See the Deploy section of README.md.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeployRoleStack } from './deploy-role-stack.js';

const app = new App();
const repo = app.node.tryGetContext('repo') as string | undefined;
if (!repo) throw new Error('pass the GitHub repository: -c repo=<owner>/<name>');
new DeployRoleStack(app, 'stockroom-github-oidc', {
  repo,
  existingProviderArn: app.node.tryGetContext('oidcProviderArn') as string | undefined,
  description: 'GitHub Actions OIDC provider and least-privilege CI roles for Stockroom',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
