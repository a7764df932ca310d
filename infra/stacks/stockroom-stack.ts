/**
 * One Stockroom deployment (`stockroom-<stage>`), built entirely from `build/wiring.ts`: tables,
 * data sources, resolvers, functions, triggers and grants are read from it, never written here.
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, type BuiltResolver } from '../../build/bundle.js';
import { AdminHosting } from '../constructs/admin-hosting.js';
import { DataTables, declaredIndexes } from '../constructs/data-tables.js';
import { iamFieldsOf, StockroomApi } from '../constructs/graphql-api.js';
import { Monitoring } from '../constructs/monitoring.js';
import { secureBucket } from '../constructs/secure-bucket.js';
import { WiredFunction, type WiredResources } from '../constructs/wired-function.js';
import { loadSchema, readSchemaSource, SCHEMA_PATH } from '../../build/schema.js';
import { INGEST_BROWSER_CORS } from '../../build/ingest-cors.js';
import { resourceName, type Wiring } from '../../build/wiring.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import type { StageConfig } from './stage.js';

export interface StockroomStackProps extends StackProps {
  readonly config: StageConfig;
  readonly wiring: Wiring;
  /** `buildResolvers()` output: the exact resolver bytes to deploy. */
  readonly bundles: ReadonlyMap<string, BuiltResolver>;
  /** Where a function's handler lives; defaults to `functions/<folder>/index.ts`. */
  readonly entryFor?: (folder: string) => string;
  readonly schemaPath?: string;
  /**
   * Built admin app to publish; `undefined` publishes `admin-ui/dist` when it has an index.html,
   * `null` publishes nothing (the bucket and distribution exist either way).
   */
  readonly adminAppDir?: string | null;
}

export const ADMIN_APP_DIST = join(PROJECT_ROOT, 'admin-ui', 'dist');

/** The L1 of a GraphqlApi: it carries attributes the L2 does not expose (RealtimeUrl). */
function cfnApiOf(api: appsync.GraphqlApi): appsync.CfnGraphQLApi {
  const child = api.node.defaultChild;
  if (!(child instanceof appsync.CfnGraphQLApi)) throw new Error('GraphqlApi no longer has a CfnGraphQLApi as its default child');
  return child;
}

export function defaultEntry(folder: string): string {
  return join(PROJECT_ROOT, 'functions', folder, 'index.ts');
}

export class StockroomStack extends Stack {
  readonly wiring: Wiring;
  readonly tables: DataTables;
  readonly api: StockroomApi;
  readonly functions = new Map<string, WiredFunction>();
  readonly bus: events.EventBus;
  readonly alertTopic: sns.Topic;
  readonly opsTopic: sns.Topic;
  readonly ingestBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly adminHosting: AdminHosting;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StockroomStackProps) {
    super(scope, id, props);
    const { config, wiring } = props;
    this.wiring = wiring;
    const { stage, removalPolicy } = config;
    const name = (logical: string): string => resourceName(stage, logical);
    // Bucket names are global: account and region keep `stockroom-<stage>-*` unique when one stage
    // is deployed to several regions of one account.
    const bucketName = (logical: string): string => `${name(logical)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const entryFor = props.entryFor ?? defaultEntry;
    const schemaPath = props.schemaPath ?? SCHEMA_PATH;

    this.tables = new DataTables(this, 'Tables', { config, tables: wiring.tables });

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: name('bus') });

    // One customer-managed key for both topics; CloudWatch needs it to publish alarm notifications.
    const topicKey = new kms.Key(this, 'TopicKey', {
      alias: `alias/${name('topics')}`,
      description: 'Encrypts the Stockroom alert and ops SNS topics',
      enableKeyRotation: true,
      removalPolicy,
    });
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.alertTopic = new sns.Topic(this, 'AlertTopic', {
      topicName: name('alerts'),
      displayName: 'Stockroom low-stock alerts',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.opsTopic = new sns.Topic(this, 'OpsTopic', {
      topicName: name('ops'),
      displayName: 'Stockroom operational alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    // enforceSSL leaves the topic policy with only the TLS deny: CloudWatch alarms (a service
    // principal, not an IAM identity) need an explicit Allow to publish, scoped to this stage's alarms.
    this.opsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.opsTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${name('*')}` },
        },
      }),
    );

    this.logBucket = secureBucket(this, 'LogBucket', {
      bucketName: bucketName('logs'),
      removalPolicy,
      // CloudFront standard logs are delivered with ACLs; S3 access logs use the bucket policy.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(config.stage === 'prod' ? 365 : 30) }],
    });

    this.adminHosting = new AdminHosting(this, 'AdminApp', {
      bucketName: bucketName('admin-app'),
      logBucket: this.logBucket,
      removalPolicy,
    });

    this.ingestBucket = secureBucket(this, 'IngestBucket', {
      bucketName: bucketName('ingest'),
      removalPolicy,
      accessLogs: { bucket: this.logBucket, prefix: 's3/ingest/' },
      versioned: true,
      lifecycleRules: [
        // CSV files and their error reports hold personal data: keep them only as long as useful.
        { id: 'expire-imports', prefix: 'imports/', expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(7) },
        { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    // The admin app uploads CSV files straight to S3 with presigned URLs and downloads error
    // reports the same way, from its CloudFront origin only (build/ingest-cors.ts).
    this.ingestBucket.addCorsRule({
      allowedMethods: INGEST_BROWSER_CORS.methods.map((m) => s3.HttpMethods[m]),
      allowedOrigins: [`https://${this.adminHosting.distribution.distributionDomainName}`],
      allowedHeaders: [...INGEST_BROWSER_CORS.headers],
      exposedHeaders: [...INGEST_BROWSER_CORS.exposedHeaders],
      maxAge: INGEST_BROWSER_CORS.maxAgeSeconds,
    });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: name('users'),
      // Administrators are invited (README.md, Deploy), never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection (compromised credentials, adaptive auth) for the admin pool.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.deletionProtection,
      removalPolicy,
    });
    this.userPool.addGroup('AdminGroup', { groupName: 'admin', description: 'Stockroom administrators' });
    const adminClient = this.userPool.addClient('AdminAppClient', {
      userPoolClientName: name('admin-app'),
      authFlows: { userSrp: true },
      // The admin app signs in with SRP (no hosted UI, no user pool domain): CDK's OAuth defaults
      // (implicit and code grants, callback https://example.com) would only widen the client.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    for (const [fnName, spec] of Object.entries(wiring.functions).sort(([a], [b]) => a.localeCompare(b))) {
      const entry = entryFor(spec.folder);
      if (!existsSync(entry))
        throw new Error(`function "${fnName}": handler ${entry} does not exist (functions/${spec.folder}/index.ts exporting handler)`);
      this.functions.set(
        fnName,
        new WiredFunction(this, `Fn.${fnName}`, { name: fnName, spec, config, service: wiring.service, entry, removalPolicy }),
      );
    }

    const authorizers = [...this.functions.values()].filter((f) => f.spec.trigger.kind === 'appsyncAuthorizer');
    if (authorizers.length > 1)
      throw new Error(`AppSync allows one Lambda authorizer; the wiring has ${authorizers.map((f) => f.name).join(', ')}`);
    const authorizer = authorizers[0];
    const authorizerTrigger = authorizer?.spec.trigger;

    this.api = new StockroomApi(this, 'GraphQL', {
      config,
      wiring,
      schemaPath,
      bundles: props.bundles,
      userPool: this.userPool,
      authorizer:
        authorizer && authorizerTrigger?.kind === 'appsyncAuthorizer'
          ? {
              fn: authorizer.fn,
              resultTtlSeconds: authorizerTrigger.resultTtlSeconds,
              identityValidationExpression: authorizerTrigger.identityValidationExpression,
            }
          : undefined,
      tableFor: (t) => this.tables.get(t),
      functionFor: (f) => {
        const wired = this.functions.get(f);
        if (!wired) throw new Error(`wiring names unknown function "${f}"`);
        return wired.fn;
      },
    });

    const resources: WiredResources = {
      table: (t) => this.tables.get(t),
      bus: this.bus,
      alertTopic: this.alertTopic,
      ingestBucket: this.ingestBucket,
    };
    const iamFields = iamFieldsOf(loadSchema(readSchemaSource(schemaPath)));
    for (const wired of this.functions.values()) {
      wired.applyGrants(resources, this.api.api, iamFields);
      wired.applyTrigger(resources);
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      opsTopic: this.opsTopic,
      api: this.api.api,
      tables: wiring.tables.map((spec) => ({
        table: this.tables.get(spec.name),
        globalSecondaryIndexes: declaredIndexes(spec, config).map((g) => g.name),
      })),
      functions: [...this.functions.values()],
      service: wiring.service,
    });

    const adminAppDir =
      props.adminAppDir === undefined ? (existsSync(join(ADMIN_APP_DIST, 'index.html')) ? ADMIN_APP_DIST : null) : props.adminAppDir;
    if (adminAppDir) {
      this.adminHosting.publish(
        adminAppDir,
        {
          stage,
          region: Aws.REGION,
          graphqlUrl: this.api.api.graphqlUrl,
          userPoolId: this.userPool.userPoolId,
          userPoolClientId: adminClient.userPoolClientId,
        },
        config.logRetention,
      );
    }

    new CfnOutput(this, 'GraphqlUrl', { value: this.api.api.graphqlUrl });
    // The API's own attribute: graphqlUrl is a token at synth time, so no string edit can derive it.
    new CfnOutput(this, 'RealtimeUrl', { value: cfnApiOf(this.api.api).attrRealtimeUrl });
    new CfnOutput(this, 'StorefrontApiKey', {
      value: this.api.api.apiKey ?? 'none',
      description: 'Public storefront key: public by nature, allows no writes',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'AdminAppClientId', { value: adminClient.userPoolClientId });
    new CfnOutput(this, 'AdminAppUrl', { value: `https://${this.adminHosting.distribution.distributionDomainName}` });
    new CfnOutput(this, 'AdminAppBucket', { value: this.adminHosting.bucket.bucketName });
    new CfnOutput(this, 'AdminAppDistributionId', { value: this.adminHosting.distribution.distributionId });
    new CfnOutput(this, 'IngestBucketName', { value: this.ingestBucket.bucketName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alertTopic.topicArn });
    new CfnOutput(this, 'OpsTopicArn', { value: this.opsTopic.topicArn });

    acknowledgeNagFindings(this);
  }
}
