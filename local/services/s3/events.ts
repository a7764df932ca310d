/**
 * s3rver's object-created notifications reshaped as S3 sends them ("Event message structure",
 * Amazon S3 User Guide): a real bucket ARN, a URL-encoded key, and the multipart completion
 * named `ObjectCreated:CompleteMultipartUpload` (s3rver calls it `Post`; a multipart ETag ends
 * in `-<parts>`). s3rver keeps no versions, so there is no `versionId` (docs/customers.md).
 */
import { randomUUID } from 'node:crypto';

export interface S3rverEvent {
  Records: {
    eventName: string;
    eventTime: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer: string } };
  }[];
}

export interface AwsS3EventRecord {
  eventVersion: '2.1';
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size: number; eTag: string; sequencer: string };
  };
}

/** S3 keys in events are URL-encoded with `+` for spaces. */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

export function awsEventName(s3rverName: string, eTag: string | undefined): string {
  if (s3rverName === 'ObjectCreated:Post' && eTag && /-\d+$/.test(eTag)) return 'ObjectCreated:CompleteMultipartUpload';
  return s3rverName;
}

export function toAwsS3Records(event: S3rverEvent, region: string, configurationId: string): AwsS3EventRecord[] {
  return event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map((r) => ({
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: r.eventTime,
    eventName: awsEventName(r.eventName, r.s3.object.eTag),
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: r.s3.bucket.name, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${r.s3.bucket.name}` },
      object: {
        key: encodeS3Key(r.s3.object.key),
        size: r.s3.object.size ?? 0,
        eTag: r.s3.object.eTag ?? '',
        sequencer: r.s3.object.sequencer,
      },
    },
  }));
}
