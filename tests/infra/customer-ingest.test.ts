import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
import { INGEST_BROWSER_CORS } from '../../build/ingest-cors.js';
import { resourceName, wiring } from '../../build/wiring.js';
import { synth, type Synthesized } from './helpers.js';

let dev: Synthesized;

beforeAll(async () => {
  dev = synth('dev', await buildResolvers());
});

describe('infra: the customer ingest arrives through SQS', () => {
  const spec = wiring.functions['customer-ingest']!;
  const trigger = spec.trigger.kind === 's3Upload' ? spec.trigger : undefined;

  it('is wired as an s3Upload trigger with a queue', () => {
    expect(trigger?.queue).toBeDefined();
  });

  it('creates the queue with the function DLQ as its redrive target and a visibility above the timeout', () => {
    const queues = dev.template.findResources('AWS::SQS::Queue', {
      Properties: { QueueName: resourceName('dev', 'customer-ingest-queue') },
    });
    const [queue] = Object.values(queues) as { Properties: { VisibilityTimeout: number; RedrivePolicy: { maxReceiveCount: number } } }[];
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThan(spec.timeoutSeconds);
    expect(queue?.Properties.RedrivePolicy.maxReceiveCount).toBe(trigger?.queue?.maxReceiveCount);
    dev.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: resourceName('dev', 'customer-ingest-dlq') });
  });

  it('notifies the queue on object creation under imports/customers/', () => {
    dev.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'imports/customers/' }] } },
          }),
        ],
      },
    });
  });

  it('maps the queue to the function with partial batch responses, one message a batch', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: Match.anyValue(),
      BatchSize: trigger?.queue?.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: Match.anyValue(),
    });
  });

  it("lets only the admin app's CloudFront origin PUT uploads and GET reports with presigned URLs (CORS)", () => {
    const distributions = dev.template.findResources('AWS::CloudFront::Distribution');
    const [adminDistribution] = Object.entries(distributions).filter(([, d]) =>
      JSON.stringify((d as { Properties: { DistributionConfig: { Comment?: unknown } } }).Properties.DistributionConfig.Comment).includes(
        'admin app',
      ),
    );
    expect(adminDistribution).toBeDefined();
    const withCors = Object.values(dev.template.findResources('AWS::S3::Bucket')).filter(
      (b) => (b as { Properties: { CorsConfiguration?: unknown } }).Properties.CorsConfiguration,
    ) as { Properties: { CorsConfiguration: { CorsRules: unknown[] }; BucketName: unknown } }[];
    // One bucket takes browser requests, the ingest bucket, with one rule.
    expect(withCors).toHaveLength(1);
    expect(JSON.stringify(withCors[0]!.Properties.BucketName)).toContain(resourceName('dev', 'ingest'));
    expect(withCors[0]!.Properties.CorsConfiguration.CorsRules).toEqual([
      {
        AllowedMethods: ['PUT', 'GET', 'HEAD'],
        AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [adminDistribution![0], 'DomainName'] }]] }],
        AllowedHeaders: [...INGEST_BROWSER_CORS.headers],
        ExposedHeaders: ['ETag'],
        MaxAge: INGEST_BROWSER_CORS.maxAgeSeconds,
      },
    ]);
  });
});
