/**
 * Every cdk-nag AwsSolutions finding this stack accepts, acknowledged on the construct that causes
 * it, one finding id at a time, each with its reason. Derived from the wiring (which grants and
 * triggers a function has), so a new function gets exactly the acknowledgements its wiring implies
 * and nothing more; anything else still fails synthesis.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StockroomStack } from './stockroom-stack.js';

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** `<LogicalId.Arn>` as cdk-nag prints a resource ARN inside a finding id. */
function arnOf(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return `<${stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement))}.Arn>`;
}

const INDEX_REASON =
  'Grants on the table include its own GSIs (`<table>/index/*`) so Query on its GSIs (build/wiring.ts) works; no other table is reachable.';

export function acknowledgeNagFindings(stack: StockroomStack): void {
  const { wiring } = stack;

  ack(
    stack.api.api,
    'AwsSolutions-ASC3',
    'Field logs at ERROR with verbose content excluded on purpose: request and response bodies carry partner API keys and customer personal data. X-Ray tracing and AppSync metrics give request-level visibility.',
  );

  const distribution = stack.adminHosting.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'Administrators sign in from wherever they work; access is gated by Cognito with MFA, not by geography.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'The distribution serves only the static admin app (no data); every API call is authorized by AppSync/Cognito. A WAF web ACL (us-east-1) can be attached when a custom domain is added.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    'Uses the CloudFront default certificate (*.cloudfront.net), whose viewer security policy CloudFront fixes; a custom domain with an ACM certificate would set TLSv1.2_2021.',
  );

  for (const [name, spec] of Object.entries(wiring.dataSources)) {
    const ds = stack.api.dataSources.get(name);
    if (!ds) continue;
    if (spec.kind === 'AMAZON_DYNAMODB')
      ack(ds, `AwsSolutions-IAM5[Resource::${arnOf(stack.tables.get(spec.table))}/index/*]`, INDEX_REASON);
    if (spec.kind === 'AWS_LAMBDA') {
      const fn = stack.functions.get(spec.function);
      if (fn)
        ack(
          ds,
          `AwsSolutions-IAM5[Resource::${arnOf(fn.fn)}:*]`,
          'AppSync may invoke this one function, any of its versions or aliases (`:*`); nothing else.',
        );
    }
  }

  for (const wired of stack.functions.values()) {
    const stream = wired.spec.trigger.kind === 'dynamodbStream';
    ack(
      wired.role,
      'AwsSolutions-IAM5[Resource::*]',
      `X-Ray PutTraceSegments/PutTelemetryRecords (active tracing)${stream ? ' and dynamodb:ListStreams (stream event source)' : ''} support no resource-level permissions.`,
    );
    if (stream && wired.dlq) {
      ack(
        wired.dlq,
        'AwsSolutions-SQS3',
        'This queue is itself the dead-letter destination of the stream event source mapping (on-failure), so it needs no DLQ of its own.',
      );
    }
    for (const grant of wired.spec.grants) {
      switch (grant.kind) {
        case 'tableRead':
        case 'tableReadWrite':
          ack(wired.role, `AwsSolutions-IAM5[Resource::${arnOf(stack.tables.get(grant.table))}/index/*]`, INDEX_REASON);
          break;
        case 'ingestBucketReadWrite': {
          const reason =
            'bucket.grantReadWrite on the one ingest bucket: object-level actions need `<bucket>/*`, and CDK groups read/write/abort actions with wildcards.';
          ack(wired.role, `AwsSolutions-IAM5[Resource::${arnOf(stack.ingestBucket)}/*]`, reason);
          for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'])
            ack(wired.role, `AwsSolutions-IAM5[Action::${action}]`, reason);
          break;
        }
        case 'alertPublish':
          ack(
            wired.role,
            'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
            'topic.grantPublish on the KMS-encrypted alert topic: GenerateDataKey* on that one key is what SNS needs to encrypt the message.',
          );
          break;
        default:
          break;
      }
    }
  }

  // Publishing the admin app: CDK's singleton BucketDeployment handler (a CloudFormation custom resource).
  if (stack.adminHosting.deployment) {
    const bucketArn = arnOf(stack.adminHosting.bucket);
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      const why =
        "CDK's BucketDeployment handler copies the built admin app from the CDK assets bucket to the admin-app bucket at deploy time";
      ack(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `${why}; the basic execution policy covers its own logs.`,
      );
      ack(child, 'AwsSolutions-L1', `${why}; its runtime is chosen by aws-cdk-lib and moves with CDK upgrades.`);
      ack(
        child,
        'AwsSolutions-IAM5[Resource::*]',
        `${why}; cloudfront:CreateInvalidation/GetInvalidation have no resource-level scoping in CDK's grant.`,
      );
      ack(
        child,
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        `${why}; it reads the asset zip from the bootstrap assets bucket.`,
      );
      ack(child, `AwsSolutions-IAM5[Resource::${bucketArn}/*]`, `${why}; it writes and prunes objects in that one bucket.`);
      for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'])
        ack(child, `AwsSolutions-IAM5[Action::${action}]`, `${why}; CDK's grantRead/grantReadWrite group S3 actions with wildcards.`);
    }
  }

  // S3 event notifications are configured by CDK's singleton custom-resource Lambda.
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('BucketNotificationsHandler')) {
      ack(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketNotificationsHandler (configures the ingest bucket's notifications at deploy time) uses the basic execution policy for its own logs.",
      );
    }
  }
}
