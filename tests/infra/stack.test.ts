import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers, type BuiltResolver } from '../../build/bundle.js';
import { createHash } from 'node:crypto';
import { API_LATENCY_P95_MS, API_LIMITS, STOREFRONT_KEY } from '../../infra/stacks/stage.js';
import { resolveEnvironment, resourceName, wiring } from '../../build/wiring.js';
import { resourcesOf, synth, type Synthesized } from './helpers.js';

let bundles: Map<string, BuiltResolver>;
let dev: Synthesized;
let prod: Synthesized;

beforeAll(async () => {
  bundles = await buildResolvers();
  dev = synth('dev', bundles);
  prod = synth('prod', bundles);
});

const attributeType = { S: 'S', N: 'N', B: 'B' } as const;
const authorizer = Object.values(wiring.functions).find((f) => f.trigger.kind === 'appsyncAuthorizer');
const unitCount = Object.values(wiring.resolvers).length;
// One AppSync function per field-own step, and one per shared function however many pipelines run it.
const stepCount = new Set(
  Object.entries(wiring.resolvers).flatMap(([field, r]) =>
    r.kind === 'pipeline' ? r.functions.map((f) => (f.shared ? `shared/${f.file}` : `${field}/${f.file}`)) : [],
  ),
).size;

describe('infra stack: DynamoDB tables from the wiring', () => {
  it('creates each wired table with its key schema, GSIs, stream and TTL', () => {
    for (const spec of wiring.tables) {
      dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: resourceName('dev', spec.name),
        KeySchema: [
          { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
          ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
        GlobalSecondaryIndexes: spec.globalSecondaryIndexes.map((g) =>
          Match.objectLike({
            IndexName: g.name,
            KeySchema: [
              { AttributeName: g.partitionKey.name, KeyType: 'HASH' },
              ...(g.sortKey ? [{ AttributeName: g.sortKey.name, KeyType: 'RANGE' }] : []),
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: spec.partitionKey.name, AttributeType: attributeType[spec.partitionKey.type] },
        ]),
        ...(spec.stream ? { StreamSpecification: { StreamViewType: spec.stream } } : {}),
        ...(spec.timeToLiveAttribute ? { TimeToLiveSpecification: { AttributeName: spec.timeToLiveAttribute, Enabled: true } } : {}),
      });
    }
    dev.template.resourceCountIs('AWS::DynamoDB::Table', wiring.tables.length);
  });

  it('is on demand, with point-in-time recovery and KMS encryption', () => {
    dev.template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled without a key id: KMS with the AWS-managed key aws/dynamodb.
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('protects prod tables from deletion and lets dev tables go', () => {
    for (const [, table] of resourcesOf(prod.json, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    }
    for (const [, table] of resourcesOf(dev.json, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe('Delete');
    }
    prod.template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    for (const [, bucket] of resourcesOf(prod.json, 'AWS::S3::Bucket')) expect(bucket.DeletionPolicy).toBe('RetainExceptOnCreate');
  });

  it('keeps prod data on delete and replacement, but lets a failed first create roll back (no fixed name left to collide)', () => {
    const retained = Object.entries(
      prod.json.Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>,
    ).filter(([, r]) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete');
    const types = new Set(retained.map(([, r]) => r.Type));
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::Logs::LogGroup',
      'AWS::SQS::Queue',
      'AWS::Cognito::UserPool',
      'AWS::KMS::Key',
    ])
      expect(types, type).toContain(type);
    for (const [id, r] of retained) {
      expect(r.DeletionPolicy, id).toBe('RetainExceptOnCreate');
      expect(r.UpdateReplacePolicy, id).toBe('Retain');
    }
  });
});

describe('infra stack: AppSync API', () => {
  it('defaults to the storefront API key, with a fixed expiry, and adds Cognito, Lambda and IAM', () => {
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      Name: 'stockroom-dev-api',
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [
        { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: Match.anyValue() },
        ...(authorizer && authorizer.trigger.kind === 'appsyncAuthorizer'
          ? [
              {
                AuthenticationType: 'AWS_LAMBDA',
                LambdaAuthorizerConfig: Match.objectLike({
                  AuthorizerResultTtlInSeconds: authorizer.trigger.resultTtlSeconds,
                  IdentityValidationExpression: authorizer.trigger.identityValidationExpression,
                }),
              },
            ]
          : []),
        { AuthenticationType: 'AWS_IAM' },
      ],
    });
    expect(authorizer, 'the wiring has a Lambda authorizer').toBeDefined();
    dev.template.hasResourceProperties('AWS::AppSync::ApiKey', { Expires: Date.parse(STOREFRONT_KEY.expires) / 1000 });
  });

  it('lets only this API invoke the authorizer', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'appsync.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GraphQLApi'), 'Arn'] },
    });
  });

  it('logs errors without verbose content, traces with X-Ray and limits depth and resolver count', () => {
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: { FieldLogLevel: 'ERROR', ExcludeVerboseContent: true, CloudWatchLogsRoleArn: Match.anyValue() },
      XrayEnabled: true,
      QueryDepthLimit: API_LIMITS.queryDepthLimit,
      ResolverCountLimit: API_LIMITS.resolverCountLimit,
    });
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', Match.anyValue()]] },
      RetentionInDays: 7,
    });
  });

  it('disables introspection in prod only', () => {
    prod.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'DISABLED' });
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'ENABLED' });
  });

  it('passes the resolver environment of the stage', () => {
    prod.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { EnvironmentVariables: resolveEnvironment('prod') });
  });

  it('deploys schema.graphql as is', async () => {
    const { readSchemaSource } = await import('../../build/schema.js');
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: readSchemaSource() });
  });

  it('creates one resolver per wired field and one function per pipeline step (a shared one once), all APPSYNC_JS 1.0.0', () => {
    dev.template.resourceCountIs('AWS::AppSync::Resolver', unitCount);
    dev.template.resourceCountIs('AWS::AppSync::FunctionConfiguration', stepCount);
    dev.template.allResourcesProperties('AWS::AppSync::Resolver', { Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' } });
    if (stepCount > 0)
      dev.template.allResourcesProperties('AWS::AppSync::FunctionConfiguration', {
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
      });
  });

  it('deploys the exact bytes buildResolvers() produced (same sha256)', () => {
    for (const [, resolver] of resourcesOf(dev.json, 'AWS::AppSync::Resolver')) {
      const p = resolver.Properties as { TypeName: string; FieldName: string; Code: string };
      const built = bundles.get(`${p.TypeName}.${p.FieldName}`);
      expect(built, `${p.TypeName}.${p.FieldName} has a bundle`).toBeDefined();
      expect(createHash('sha256').update(p.Code).digest('hex')).toBe(built!.bundle.sha256);
    }
    // Each pipeline function carries exactly its own `${field}/${file}` step bundle, in wiring order.
    const configurations = new Map(resourcesOf(dev.json, 'AWS::AppSync::FunctionConfiguration'));
    const mapped = new Set<string>();
    for (const [field, spec] of Object.entries(wiring.resolvers)) {
      if (spec.kind !== 'pipeline') continue;
      const functionIds: unknown[] = [];
      for (const step of spec.functions) {
        const key = `${field}/${step.file}`;
        const construct = dev.stack.api.pipelineFunctions.get(key);
        expect(construct, `${key} is deployed`).toBeDefined();
        const logicalId = dev.stack.resolve(dev.stack.getLogicalId(construct!.node.defaultChild as CfnElement)) as string;
        const p = configurations.get(logicalId)?.Properties as { Code: string } | undefined;
        expect(p, `${key} has a FunctionConfiguration`).toBeDefined();
        const built = bundles.get(field)?.steps.find((s) => s.file === step.file);
        expect(built, `${key} has a bundle`).toBeDefined();
        expect(createHash('sha256').update(p!.Code).digest('hex'), key).toBe(built!.bundle.sha256);
        mapped.add(logicalId);
        functionIds.push({ 'Fn::GetAtt': [logicalId, 'FunctionId'] });
      }
      const resolver = resourcesOf(dev.json, 'AWS::AppSync::Resolver').find(
        ([, r]) => `${r.Properties?.TypeName}.${r.Properties?.FieldName}` === field,
      );
      expect((resolver?.[1].Properties?.PipelineConfig as { Functions: unknown[] } | undefined)?.Functions, field).toEqual(functionIds);
    }
    expect([...mapped].sort()).toEqual([...configurations.keys()].sort());
  });

  it('derives resolver construct ids from Type.field only', () => {
    for (const field of Object.keys(wiring.resolvers)) {
      expect(dev.stack.api.resolvers.get(field)?.node.path).toBe(`stockroom-dev/GraphQL/Resolvers/${field}`);
    }
  });

  it('gives the admin group to the user pool and MFA to every user', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', UserPoolName: 'stockroom-dev-users' });
  });

  it('signs the admin app in with SRP only: no OAuth flows, scopes or callback URLs on its client', () => {
    const clients = resourcesOf(dev.json, 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const p = clients[0]![1].Properties!;
    expect(p.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlowsUserPoolClient ?? false).toBe(false);
    for (const key of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs']) expect(p[key], key).toBeUndefined();
  });
});

describe('infra stack: Lambda functions', () => {
  it('runs every wired function on the newest Node.js LTS, arm64, traced, with Powertools settings', () => {
    // Besides the wired functions, dev has exactly CDK's auto-delete-objects provider (its buckets empty on destroy).
    const fns = resourcesOf(dev.json, 'AWS::Lambda::Function');
    const cdkProviders = fns.filter(([id]) => id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProviderHandler'));
    expect(cdkProviders).toHaveLength(1);
    // An s3Upload trigger adds CDK's bucket-notifications handler (it configures the notification).
    const notifications = Object.values(wiring.functions).some((f) => f.trigger.kind === 's3Upload') ? 1 : 0;
    expect(fns.filter(([id]) => id.startsWith('BucketNotificationsHandler'))).toHaveLength(notifications);
    expect(fns).toHaveLength(Object.keys(wiring.functions).length + cdkProviders.length + notifications);
    expect(resourcesOf(prod.json, 'AWS::Lambda::Function')).toHaveLength(Object.keys(wiring.functions).length + notifications);
    for (const [name, spec] of Object.entries(wiring.functions)) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: resourceName('dev', name),
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: wiring.service,
            POWERTOOLS_METRICS_NAMESPACE: 'Stockroom',
            POWERTOOLS_LOG_LEVEL: 'DEBUG',
            STAGE: 'dev',
            ...(spec.nodeOptions ? { NODE_OPTIONS: spec.nodeOptions } : {}),
          }),
        },
      });
    }
  });

  it('configures what Powertools needs: events never logged, tracing on, and the X-Ray write permission', () => {
    for (const name of Object.keys(wiring.functions)) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: resourceName('dev', name),
        Environment: { Variables: Match.objectLike({ POWERTOOLS_LOGGER_LOG_EVENT: 'false', POWERTOOLS_TRACE_ENABLED: 'true' }) },
      });
    }
    const xrayGrants = resourcesOf(dev.json, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties).includes('xray:PutTraceSegments'),
    );
    expect(xrayGrants.length).toBeGreaterThanOrEqual(Object.keys(wiring.functions).length);
  });

  it('gives every function its own log group with retention', () => {
    for (const name of Object.keys(wiring.functions)) {
      dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/${resourceName('dev', name)}`,
        RetentionInDays: 7,
      });
      prod.template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/${resourceName('prod', name)}`,
        RetentionInDays: 180,
      });
    }
  });
});

describe('infra stack: buckets, topics, bus', () => {
  it('names the bus stockroom-<stage>-bus', () => {
    prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'stockroom-prod-bus' });
  });

  it('makes every bucket private, encrypted and TLS-only', () => {
    const buckets = resourcesOf(dev.json, 'AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    dev.template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    const policies = resourcesOf(dev.json, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(buckets.length);
    for (const [, policy] of policies) {
      const statements = (policy.Properties as { PolicyDocument: { Statement: Record<string, unknown>[] } }).PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('empties dev buckets on stack deletion (auto-delete objects) and never prod buckets', () => {
    const autoDeleted = (x: Synthesized): string[] =>
      resourcesOf(x.json, 'Custom::S3AutoDeleteObjects').map(([, r]) => JSON.stringify(r.Properties?.BucketName));
    const buckets = resourcesOf(dev.json, 'AWS::S3::Bucket');
    expect(autoDeleted(dev).sort()).toEqual(buckets.map(([id]) => JSON.stringify({ Ref: id })).sort());
    for (const [id, bucket] of buckets) {
      expect(bucket.DeletionPolicy, id).toBe('Delete');
      expect(JSON.stringify(bucket.Properties?.Tags ?? []), id).toContain('aws-cdk:auto-delete-objects');
    }
    expect(autoDeleted(prod)).toEqual([]);
    expect(JSON.stringify(prod.json)).not.toContain('aws-cdk:auto-delete-objects');
  });

  it('versions the ingest bucket, logs its access and expires imports', () => {
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/ingest/' }),
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-imports', Prefix: 'imports/' })]) },
    });
  });

  it('encrypts both topics with the rotated CMK and accepts TLS publishes only', () => {
    dev.template.resourceCountIs('AWS::SNS::Topic', 2);
    dev.template.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    dev.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const [, policy] of resourcesOf(dev.json, 'AWS::SNS::TopicPolicy')) {
      expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('lets CloudWatch alarms of this stage (and account) publish to the ops topic', () => {
    const opsRef = dev.stack.resolve(dev.stack.getLogicalId(dev.stack.opsTopic.node.defaultChild as CfnElement)) as string;
    const policies = resourcesOf(dev.json, 'AWS::SNS::TopicPolicy').filter(
      ([, p]) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: opsRef }]),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0]![1].Properties as { PolicyDocument: { Statement: Record<string, unknown>[] } }).PolicyDocument
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: opsRef },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':alarm:stockroom-dev-*',
                ],
              ],
            },
          },
        },
      }),
    );
  });

  it('serves the admin app from a private bucket through CloudFront with OAC and security headers', () => {
    dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.anyValue(),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });
});

describe('infra stack: alarms', () => {
  const alarmNames = (s: Synthesized): string[] =>
    resourcesOf(s.json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties?.AlarmName as string);

  it('alarms on AppSync 5XX, p95 latency, DynamoDB throttles and inventory inconsistencies', () => {
    expect(alarmNames(dev)).toEqual(
      expect.arrayContaining([
        'stockroom-dev-api-5xx',
        'stockroom-dev-api-latency-p95',
        'stockroom-dev-main-throttled-requests',
        'stockroom-dev-main-system-errors',
        'stockroom-dev-inventory-inconsistency',
      ]),
    );
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Namespace: 'AWS/AppSync',
      ExtendedStatistic: 'p95',
      Threshold: API_LATENCY_P95_MS,
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Namespace: 'AWS/AppSync', Threshold: 0 });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'InconsistencyCount',
      Namespace: 'Stockroom',
      Dimensions: [
        { Name: 'service', Value: wiring.service },
        { Name: 'stage', Value: 'dev' },
      ],
    });
  });

  it('treats a missing InconsistencyCount as breaching: the check emits every run, so silence means the path is broken', () => {
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'stockroom-prod-inventory-inconsistency',
      MetricName: 'InconsistencyCount',
      Dimensions: [
        { Name: 'service', Value: wiring.service },
        { Name: 'stage', Value: 'prod' },
      ],
      TreatMissingData: 'breaching',
    });
  });

  type MetricQuery = {
    Id: string;
    Expression?: string;
    ReturnData?: boolean;
    MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: unknown }[] }; Stat: string };
  };
  const alarmMetrics = (s: Synthesized, alarmName: string): MetricQuery[] => {
    const found = resourcesOf(s.json, 'AWS::CloudWatch::Alarm').find(([, a]) => a.Properties?.AlarmName === alarmName);
    expect(found, alarmName).toBeDefined();
    return (found![1].Properties?.Metrics ?? []) as MetricQuery[];
  };
  const DATA_PLANE_OPERATIONS = [
    'GetItem',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'Query',
    'Scan',
    'BatchGetItem',
    'BatchWriteItem',
    'TransactWriteItems',
    'TransactGetItems',
  ];

  it('alarms on ThrottledRequests per Operation (the metric has no table-only data), zero-filling missing operations', () => {
    for (const spec of wiring.tables) {
      const metrics = alarmMetrics(dev, `stockroom-dev-${spec.name}-throttled-requests`);
      const stats = metrics.filter((m) => m.MetricStat);
      expect(stats.map((m) => m.MetricStat!.Metric.MetricName)).toEqual(DATA_PLANE_OPERATIONS.map(() => 'ThrottledRequests'));
      const operations = stats.map((m) => {
        const dims = m.MetricStat!.Metric.Dimensions;
        expect(dims.map((d) => d.Name).sort()).toEqual(['Operation', 'TableName']);
        return dims.find((d) => d.Name === 'Operation')!.Value;
      });
      expect([...operations].sort()).toEqual([...DATA_PLANE_OPERATIONS].sort());
      const expression = metrics.find((m) => m.ReturnData !== false && m.Expression)?.Expression ?? '';
      for (const m of stats) expect(expression).toContain(`FILL(${m.Id}, 0)`);
    }
  });

  it('counts the read/write throttle events of the table and of each of its GSIs, at most 10 metrics per alarm', () => {
    for (const spec of wiring.tables) {
      // An alarm holds at most 10 metrics: GSIs past the fourth are in `-throttle-events-<n>` alarms.
      const base = `stockroom-dev-${spec.name}-throttle-events`;
      const groups = alarmNames(dev)
        .filter((n) => n === base || n.startsWith(`${base}-`))
        .map((n) => alarmMetrics(dev, n));
      const stats = groups.flatMap((metrics) => {
        const own = metrics.filter((m) => m.MetricStat);
        expect(own.length).toBeLessThanOrEqual(10);
        const expression = metrics.find((m) => m.Expression)?.Expression ?? '';
        for (const m of own) expect(expression).toContain(`FILL(${m.Id}, 0)`);
        return own.map((m) => ({
          id: m.Id,
          name: m.MetricStat!.Metric.MetricName,
          gsi: m.MetricStat!.Metric.Dimensions.find((d) => d.Name === 'GlobalSecondaryIndexName')?.Value,
        }));
      });
      const expected = [undefined, ...spec.globalSecondaryIndexes.map((g) => g.name)].flatMap((gsi) => [
        { name: 'ReadThrottleEvents', gsi },
        { name: 'WriteThrottleEvents', gsi },
      ]);
      expect(stats.map(({ name, gsi }) => ({ name, gsi }))).toEqual(expect.arrayContaining(expected));
      expect(stats).toHaveLength(expected.length);
    }
  });

  it('alarms on errors and throttles of every function, to the ops topic', () => {
    for (const name of Object.keys(wiring.functions))
      expect(alarmNames(dev)).toEqual(expect.arrayContaining([`stockroom-dev-${name}-errors`, `stockroom-dev-${name}-throttles`]));
    dev.template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^OpsTopic') }] });
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('alarms on DynamoDB SystemErrors per table and operation, zero-filled, and never on the account-wide UserErrors', () => {
    for (const spec of wiring.tables) {
      const metrics = alarmMetrics(dev, `stockroom-dev-${spec.name}-system-errors`);
      const stats = metrics.filter((m) => m.MetricStat);
      expect(stats.map((m) => m.MetricStat!.Metric.MetricName)).toEqual(DATA_PLANE_OPERATIONS.map(() => 'SystemErrors'));
      for (const m of stats) expect(m.MetricStat!.Metric.Dimensions.map((d) => d.Name).sort()).toEqual(['Operation', 'TableName']);
      const expression = metrics.find((m) => m.ReturnData !== false && m.Expression)?.Expression ?? '';
      for (const m of stats) expect(expression).toContain(`FILL(${m.Id}, 0)`);
    }
    // UserErrors counts the cancelled transactions of normal use (insufficient stock, replays).
    expect(JSON.stringify(dev.json)).not.toContain('UserErrors');
    expect(alarmNames(prod)).not.toContain('stockroom-prod-dynamodb-user-errors');
  });

  it('counts the ERROR log lines of every function with a metric filter, and alarms on any', () => {
    const filters = resourcesOf(dev.json, 'AWS::Logs::MetricFilter');
    expect(filters).toHaveLength(Object.keys(wiring.functions).length);
    for (const name of Object.keys(wiring.functions)) {
      const metricName = resourceName('dev', name);
      const filter = filters.find(([, f]) => JSON.stringify(f.Properties?.MetricTransformations).includes(`"MetricName":"${metricName}"`));
      expect(filter, name).toBeDefined();
      expect(filter![1].Properties).toMatchObject({
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [{ MetricNamespace: 'Stockroom/ErrorLogs', MetricName: metricName, MetricValue: '1' }],
      });
      dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `stockroom-dev-${name}-error-logs`,
        Namespace: 'Stockroom/ErrorLogs',
        MetricName: metricName,
        Statistic: 'Sum',
        Threshold: 0,
      });
    }
  });
});

describe('infra stack: outputs and names', () => {
  it("outputs the API's own realtime URL (the RealtimeUrl attribute), not the GraphQL URL", () => {
    const outputs = dev.template.findOutputs('*') as Record<string, { Value: unknown }>;
    const api = resourcesOf(dev.json, 'AWS::AppSync::GraphQLApi');
    expect(api).toHaveLength(1);
    expect(outputs['RealtimeUrl']?.Value).toEqual({ 'Fn::GetAtt': [api[0]![0], 'RealtimeUrl'] });
    expect(outputs['GraphqlUrl']?.Value).toEqual({ 'Fn::GetAtt': [api[0]![0], 'GraphQLUrl'] });
  });

  it('names every bucket stockroom-<stage>-<logical>-<account>-<region>, so one stage fits in two regions of an account', () => {
    for (const s of [dev, prod]) {
      const buckets = resourcesOf(s.json, 'AWS::S3::Bucket');
      expect(buckets.length).toBeGreaterThanOrEqual(3);
      for (const [id, bucket] of buckets) {
        const name = bucket.Properties?.BucketName as { 'Fn::Join': [string, unknown[]] };
        expect(name['Fn::Join'][1], id).toEqual([
          expect.stringMatching(/^stockroom-(dev|prod)-[a-z-]+-$/),
          { Ref: 'AWS::AccountId' },
          '-',
          { Ref: 'AWS::Region' },
        ]);
      }
    }
  });
});
