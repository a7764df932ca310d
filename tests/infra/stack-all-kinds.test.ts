/**
 * The stack over a fixture wiring that uses every trigger, grant, data source and resolver kind:
 * whatever functions other parts of the project add, infra already turns them into AWS resources.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
import { ASYNC_RETRY_ATTEMPTS, STREAM_SETTINGS } from '../../infra/constructs/wired-function.js';
import { resourceName } from '../../build/wiring.js';
import { FIXTURE_OPTIONS, fixtureBundles } from './fixtures/full-wiring.js';
import { resourcesOf, synth, type Synthesized } from './helpers.js';

let s: Synthesized;
let optedIn: Synthesized;

beforeAll(async () => {
  const bundles = fixtureBundles(await buildResolvers());
  s = synth('staging', bundles, FIXTURE_OPTIONS);
  optedIn = synth('staging', bundles, { ...FIXTURE_OPTIONS, reserveConcurrency: true });
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const statementsOf = (policyIdPrefix: string): Statement[] =>
  resourcesOf(s.json, 'AWS::IAM::Policy')
    .filter(([id]) => id.startsWith(policyIdPrefix))
    .flatMap(([, p]) => (p.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement);
const actions = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);

describe('infra stack over every wiring kind: triggers', () => {
  it('consumes the table stream in batches, bisecting, reporting item failures, with a DLQ', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Tablesmain'), 'StreamArn'] },
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: STREAM_SETTINGS.retryAttempts,
      MaximumRecordAgeInSeconds: STREAM_SETTINGS.maxRecordAge.toSeconds(),
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnstreamPublisherDlq'), 'Arn'] } } },
    });
  });

  it('runs scheduled functions by rate, with retries and a DLQ', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      Name: resourceName('staging', 'sweeper-schedule'),
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: 7200 },
        }),
      ],
    });
  });

  it('routes bus events by detail-type to their consumer, with retries and a DLQ', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^Bus') },
      EventPattern: { 'detail-type': ['OrderCreated'] },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnreceiptWorkerDlq'), 'Arn'] } },
          RetryPolicy: Match.anyValue(),
        }),
      ],
    });
  });

  it('notifies the importer of CSV uploads under imports/customers/', () => {
    s.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: [
                  { Name: 'suffix', Value: '.csv' },
                  { Name: 'prefix', Value: 'imports/customers/' },
                ],
              },
            },
            LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FncsvImporterFunction'), 'Arn'] },
          },
        ],
      },
    });
  });

  it('sends failed async invocations to the DLQ and caps concurrency where the wiring says so, when the stage opts in', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: resourceName('staging', 'sweeper'),
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnsweeperDlq'), 'Arn'] } },
    });
    // A new account's concurrency quota cannot spare a reservation: none unless opted in.
    for (const [id, fn] of resourcesOf(s.json, 'AWS::Lambda::Function'))
      expect(fn.Properties?.ReservedConcurrentExecutions, id).toBeUndefined();
    optedIn.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: resourceName('staging', 'sweeper'),
      ReservedConcurrentExecutions: 1,
    });
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS });
    s.template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('alarms on DLQ depth and stream iterator age', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'stockroom-staging-csvImporter-dlq-depth',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'stockroom-staging-streamPublisher-iterator-age',
      MetricName: 'IteratorAge',
    });
  });
});

describe('infra stack over every wiring kind: least-privilege grants', () => {
  it('grants table access on the table and its indexes only', () => {
    const st = statementsOf('FnsweeperRole').find((x) => actions(x).includes('dynamodb:PutItem'));
    expect(st?.Resource).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^Tablesmain/), 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Tablesmain/), 'Arn'] }, '/index/*']] },
    ]);
    const read = statementsOf('FnrecommenderRole').flatMap(actions);
    expect(read).toContain('dynamodb:GetItem');
    expect(read).not.toContain('dynamodb:PutItem');
  });

  it('grants PutEvents on the bus, Publish on the alert topic and GraphQL on the IAM mutation only', () => {
    const st = statementsOf('FnstreamPublisherRole');
    expect(st.find((x) => actions(x).includes('events:PutEvents'))?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Bus/), 'Arn'],
    });
    expect(st.find((x) => actions(x).includes('sns:Publish'))?.Resource).toEqual({ Ref: expect.stringMatching(/^AlertTopic/) });
    const gql = st.find((x) => actions(x).includes('appsync:GraphQL'));
    expect(JSON.stringify(gql?.Resource)).toContain('/types/Mutation/fields/publishStockChanged');
    expect(JSON.stringify(gql?.Resource)).not.toContain('setStock');
  });

  it('uses Resource "*" in function roles only for actions that have no resource-level permissions', () => {
    const wildcard = resourcesOf(s.json, 'AWS::IAM::Policy')
      .filter(([id]) => id.startsWith('Fn'))
      .flatMap(([, p]) => (p.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement)
      .filter((st) => st.Resource === '*')
      .flatMap(actions);
    expect([...new Set(wildcard)].sort()).toEqual(['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('tells each function the names of what it was granted', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: resourceName('staging', 'csvImporter'),
      Environment: {
        Variables: Match.objectLike({
          INGEST_BUCKET_NAME: Match.anyValue(),
          TABLE_NAME: { Ref: Match.stringLikeRegexp('^Tablesmain') },
          TABLE_NAME_MAIN: { Ref: Match.stringLikeRegexp('^Tablesmain') },
        }),
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: resourceName('staging', 'streamPublisher'),
      Environment: {
        Variables: Match.objectLike({ EVENT_BUS_NAME: Match.anyValue(), ALERT_TOPIC_ARN: Match.anyValue(), GRAPHQL_URL: Match.anyValue() }),
      },
    });
  });
});

describe('infra stack over every wiring kind: data sources and resolvers', () => {
  it('creates DynamoDB, NONE and Lambda data sources', () => {
    s.template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'table', Type: 'AMAZON_DYNAMODB' });
    s.template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'none', Type: 'NONE' });
    s.template.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'recommender', Type: 'AWS_LAMBDA' });
  });

  it('builds pipelines from one function per step, in order', () => {
    s.template.resourceCountIs('AWS::AppSync::FunctionConfiguration', 2);
    s.template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: 'reserveStock',
      Kind: 'PIPELINE',
      PipelineConfig: {
        Functions: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('01checkIdempotency'), 'FunctionId'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('02reserve'), 'FunctionId'] },
        ],
      },
    });
    s.template.hasResourceProperties('AWS::AppSync::FunctionConfiguration', { Name: 'Mutation_reserveStock_01_checkIdempotency' });
  });
});

describe('infra stack over every wiring kind: admin app publishing', () => {
  it('publishes the built admin app with a deploy-time config.json and invalidates CloudFront', () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^AdminAppBucket') },
      DistributionId: { Ref: Match.stringLikeRegexp('^AdminAppDistribution') },
      DistributionPaths: ['/*'],
      Prune: true,
      SourceMarkers: Match.arrayWith([
        Match.objectLike({ '<<marker:0xbaba:1>>': { 'Fn::GetAtt': [Match.stringLikeRegexp('^GraphQLApi'), 'GraphQLUrl'] } }),
      ]),
    });
  });
});
