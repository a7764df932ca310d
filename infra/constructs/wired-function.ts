/**
 * One Lambda function from a `wiring.functions` entry: bundled locally with esbuild, Node.js LTS on
 * arm64, Powertools environment, X-Ray, its own log group and role, a DLQ where it is invoked
 * asynchronously, least-privilege grants and its trigger. Nothing here is specific to a function.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../../build/bundle.js';
import type { FunctionSpec, Grant } from '../../build/wiring.js';
import { resourceName } from '../../build/wiring.js';
import type { StageConfig } from '../stacks/stage.js';

/** Newest Node.js LTS that aws-cdk-lib offers (cdk-nag L1 checks it is the newest of its family). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
/** Powertools metric namespace; also where `InconsistencyCount` is published and alarmed on. */
export const METRICS_NAMESPACE = 'Stockroom';

/** Stream consumers: retry, split poison batches, then park the record in the DLQ. */
export const STREAM_SETTINGS = { retryAttempts: 10, maxRecordAge: Duration.hours(24) } as const;
/** Async invocations (schedules, rules, S3): AWS retries, then the DLQ keeps the event. */
export const ASYNC_RETRY_ATTEMPTS = 2;

/** What grants and triggers can point at; the stack passes its resources in. */
export interface WiredResources {
  readonly table: (name: string) => dynamodb.Table;
  readonly bus: events.IEventBus;
  readonly alertTopic: sns.ITopic;
  readonly ingestBucket: s3.Bucket;
}

export interface WiredFunctionProps {
  readonly name: string;
  readonly spec: FunctionSpec;
  readonly config: StageConfig;
  readonly service: string;
  /** Absolute path of the handler module (`functions/<folder>/index.ts` by default). */
  readonly entry: string;
  readonly removalPolicy: RemovalPolicy;
}

export class WiredFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Failed events of async and stream invocations; absent for synchronous (authorizer) functions. */
  readonly dlq?: sqs.Queue;
  readonly spec: FunctionSpec;
  readonly name: string;
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, props: WiredFunctionProps) {
    super(scope, id);
    const { spec, config, name } = props;
    this.spec = spec;
    this.name = name;
    this.config = config;
    const functionName = resourceName(config.stage, name);
    const asynchronous = spec.trigger.kind !== 'appsyncAuthorizer' && spec.trigger.kind !== 'appsyncDataSource';

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: logs only to its own log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}`,
    });
    this.logGroup.grantWrite(this.role);

    if (asynchronous) {
      this.dlq = new sqs.Queue(this, 'Dlq', {
        queueName: `${functionName}-dlq`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: props.removalPolicy,
      });
    }
    const invokedAsync =
      spec.trigger.kind === 'schedule' || spec.trigger.kind === 'eventRule' || (spec.trigger.kind === 's3Upload' && !spec.trigger.queue);

    this.fn = new NodejsFunction(this, 'Function', {
      functionName,
      entry: props.entry,
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Only where the stage opts in (see StageConfig.reserveConcurrency): it can fail a first deploy.
      reservedConcurrentExecutions: config.reserveConcurrency ? spec.reservedConcurrency : undefined,
      // Async invocations that still fail after retries land in the DLQ (stream failures: see trigger).
      deadLetterQueue: invokedAsync ? this.dlq : undefined,
      retryAttempts: invokedAsync ? ASYNC_RETRY_ATTEMPTS : undefined,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}/package-lock.json`,
      environment: {
        STAGE: config.stage,
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: config.stage === 'dev' ? 'DEBUG' : 'INFO',
        // Events can carry personal data: never logged, whatever a handler's middleware says.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        // Powertools Tracer: X-Ray subsegments for the handler and AWS SDK calls (tracing is ACTIVE).
        POWERTOOLS_TRACE_ENABLED: 'true',
        ...(spec.nodeOptions ? { NODE_OPTIONS: spec.nodeOptions } : {}),
      },
      bundling: {
        // Local esbuild only: CI and laptops need no Docker.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // ESM output has no `require`; CommonJS dependencies bundled inside still call it.
        banner:
          "import { createRequire as __stockroomCreateRequire } from 'node:module'; const require = __stockroomCreateRequire(import.meta.url);",
      },
    });
  }

  /** Turns the wiring's grants into `grant*` calls on the resources themselves. */
  applyGrants(resources: WiredResources, api: appsync.GraphqlApi, iamFields: ReadonlyMap<string, readonly string[]>): void {
    const tablesSeen: string[] = [];
    for (const grant of this.spec.grants) this.applyGrant(grant, resources, api, iamFields, tablesSeen);
  }

  private applyGrant(
    grant: Grant,
    r: WiredResources,
    api: appsync.GraphqlApi,
    iamFields: ReadonlyMap<string, readonly string[]>,
    tablesSeen: string[],
  ): void {
    switch (grant.kind) {
      case 'tableRead':
      case 'tableReadWrite': {
        const table = r.table(grant.table);
        if (grant.kind === 'tableRead') table.grantReadData(this.fn);
        else table.grantReadWriteData(this.fn);
        if (tablesSeen.length === 0) this.fn.addEnvironment('TABLE_NAME', table.tableName);
        this.fn.addEnvironment(`TABLE_NAME_${envKey(grant.table)}`, table.tableName);
        tablesSeen.push(grant.table);
        return;
      }
      case 'tableItems': {
        const table = r.table(grant.table);
        // dynamodb:LeadingKeys confines every action to items under the partition-key prefix.
        iam.Grant.addToPrincipal({
          grantee: this.fn,
          actions: grant.actions.map((a) => `dynamodb:${a}`),
          resourceArns: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${grant.partitionKeyPrefix}*`] } },
        });
        if (tablesSeen.length === 0) this.fn.addEnvironment('TABLE_NAME', table.tableName);
        this.fn.addEnvironment(`TABLE_NAME_${envKey(grant.table)}`, table.tableName);
        tablesSeen.push(grant.table);
        return;
      }
      case 'busPut':
        r.bus.grantPutEventsTo(this.fn);
        this.fn.addEnvironment('EVENT_BUS_NAME', r.bus.eventBusName);
        return;
      case 'alertPublish':
        r.alertTopic.grantPublish(this.fn);
        this.fn.addEnvironment('ALERT_TOPIC_ARN', r.alertTopic.topicArn);
        return;
      case 'graphqlIam': {
        if (iamFields.size === 0) throw new Error(`function "${this.name}" has a graphqlIam grant but no schema field allows @aws_iam`);
        // Only the fields the schema opens to IAM, never `types/*`.
        for (const [typeName, fields] of iamFields) api.grant(this.fn, appsync.IamResource.ofType(typeName, ...fields), 'appsync:GraphQL');
        this.fn.addEnvironment('GRAPHQL_URL', api.graphqlUrl);
        return;
      }
      case 'ingestBucketReadWrite':
        r.ingestBucket.grantReadWrite(this.fn);
        this.fn.addEnvironment('INGEST_BUCKET_NAME', r.ingestBucket.bucketName);
        return;
      default: {
        const never: never = grant;
        throw new Error(`infra does not know the grant ${JSON.stringify(never)}`);
      }
    }
  }

  /** Connects the trigger; the appsyncAuthorizer trigger is wired by the API construct. */
  applyTrigger(resources: WiredResources): void {
    const { trigger } = this.spec;
    const stage = this.config.stage;
    switch (trigger.kind) {
      case 'appsyncAuthorizer':
      case 'appsyncDataSource':
        return;
      case 'dynamodbStream':
        this.fn.addEventSource(
          new sources.DynamoEventSource(resources.table(trigger.table), {
            // TRIM_HORIZON: a new mapping replays the last 24 h, so no outbox record is skipped.
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            retryAttempts: STREAM_SETTINGS.retryAttempts,
            maxRecordAge: STREAM_SETTINGS.maxRecordAge,
            onFailure: new sources.SqsDlq(this.requireDlq()),
          }),
        );
        return;
      case 'schedule':
        new events.Rule(this, 'Schedule', {
          ruleName: resourceName(stage, `${this.name}-schedule`),
          description: `Runs ${this.name} every ${trigger.rateMinutes} minute(s)`,
          schedule: events.Schedule.rate(Duration.minutes(trigger.rateMinutes)),
          targets: [this.ruleTarget()],
        });
        return;
      case 'eventRule':
        new events.Rule(this, 'Rule', {
          ruleName: resourceName(stage, `${this.name}-rule`),
          description: `Delivers ${trigger.detailTypes.join(', ')} to ${this.name}`,
          eventBus: resources.bus,
          eventPattern: { detailType: [...trigger.detailTypes] },
          targets: [this.ruleTarget()],
        });
        return;
      case 's3Upload': {
        const filter = { prefix: trigger.prefix, ...(trigger.suffix ? { suffix: trigger.suffix } : {}) };
        if (!trigger.queue) {
          resources.ingestBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.fn), filter);
          return;
        }
        // Through SQS: S3 notifies at least once into a queue whose failed messages redrive to the DLQ;
        // the handler reports partial batch failures. Visibility above the timeout: a live run keeps its message.
        const queue = new sqs.Queue(this, 'Queue', {
          queueName: resourceName(stage, `${this.name}-queue`),
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          visibilityTimeout: Duration.seconds(this.spec.timeoutSeconds + 60),
          retentionPeriod: Duration.days(4),
          deadLetterQueue: { queue: this.requireDlq(), maxReceiveCount: trigger.queue.maxReceiveCount },
        });
        resources.ingestBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue), filter);
        this.fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: trigger.queue.batchSize, reportBatchItemFailures: true }));
        return;
      }
      default: {
        const never: never = trigger;
        throw new Error(`infra does not know the trigger ${JSON.stringify(never)}`);
      }
    }
  }

  private ruleTarget(): targets.LambdaFunction {
    return new targets.LambdaFunction(this.fn, {
      deadLetterQueue: this.requireDlq(),
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(2),
    });
  }

  private requireDlq(): sqs.Queue {
    if (!this.dlq) throw new Error(`function "${this.name}" has no DLQ`);
    return this.dlq;
  }
}

export function envKey(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
}
