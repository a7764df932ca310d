/** A private, TLS-only, encrypted S3 bucket: the one recipe every Stockroom bucket starts from. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  readonly bucketName: string;
  readonly removalPolicy: RemovalPolicy;
  /** Where S3 server access logs go; omitted only for the log bucket itself. */
  readonly accessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  readonly versioned?: boolean;
  readonly lifecycleRules?: s3.LifecycleRule[];
  readonly objectOwnership?: s3.ObjectOwnership;
}

export function secureBucket(scope: Construct, id: string, props: SecureBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    bucketName: props.bucketName,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // Adds a bucket policy statement that denies any request made without TLS.
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: props.versioned ?? false,
    objectOwnership: props.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: props.accessLogs?.bucket,
    serverAccessLogsPrefix: props.accessLogs?.prefix,
    lifecycleRules: [
      { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ...(props.lifecycleRules ?? []),
    ],
    removalPolicy: props.removalPolicy,
    // A bucket CloudFormation may delete (dev, staging) is emptied first, or `cdk destroy` fails
    // with BucketNotEmpty; CDK's auto-delete custom resource denies new writes, then deletes every
    // object version. Retained (prod) buckets never get it.
    autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
  });
}
