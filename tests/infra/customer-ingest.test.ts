import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
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
});
