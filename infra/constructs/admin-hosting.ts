/** Admin app hosting: a private bucket served only through CloudFront (origin access control). */
import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { secureBucket } from './secure-bucket.js';

export interface AdminHostingProps {
  readonly bucketName: string;
  readonly logBucket: s3.IBucket;
  readonly removalPolicy: RemovalPolicy;
}

export class AdminHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  deployment?: s3deploy.BucketDeployment;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: AdminHostingProps) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy;
    this.bucket = secureBucket(this, 'Bucket', {
      bucketName: props.bucketName,
      removalPolicy: props.removalPolicy,
      accessLogs: { bucket: props.logBucket, prefix: 's3/admin-app/' },
      // Old builds are recoverable; noncurrent versions expire after a month.
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
    });

    const region = Aws.REGION;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Stockroom admin app security headers',
      securityHeadersBehavior: {
        // The app only talks to its AppSync API (HTTPS + real-time WebSocket), Cognito, and S3
        // (CSV uploads to the ingest bucket with presigned URLs).
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src 'self' https://*.appsync-api.${region}.amazonaws.com wss://*.appsync-realtime-api.${region}.amazonaws.com https://cognito-idp.${region}.amazonaws.com https://*.s3.${region}.amazonaws.com https://*.s3.amazonaws.com`,
            "img-src 'self' data:",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${props.bucketName} admin app`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      // Client-side routes: unknown paths serve the app shell.
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
      ],
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/admin-app/',
    });
  }

  /**
   * Publishes the built admin app (`admin-ui/dist`) with a `config.json` of deploy-time values
   * (API URL, user pool), then invalidates CloudFront. Done by CloudFormation through the CDK
   * asset pipeline, so the CI role needs nothing beyond the CDK bootstrap roles.
   */
  publish(distDir: string, config: Record<string, string>, logRetention: logs.RetentionDays): void {
    this.deployment = new s3deploy.BucketDeployment(this, 'Publish', {
      sources: [s3deploy.Source.asset(distDir), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      logGroup: new logs.LogGroup(this, 'PublishLogs', { retention: logRetention, removalPolicy: this.removalPolicy }),
    });
  }
}
