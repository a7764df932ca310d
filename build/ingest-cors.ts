/**
 * The ingest bucket's CORS rule, one definition for both runtimes: the admin app PUTs CSV files
 * to presigned URLs and follows presigned GETs of error reports from its own origin, which is not
 * the bucket's. The CDK stack applies it with the CloudFront origin of the admin app
 * (infra/stacks/stockroom-stack.ts); the local S3 with the local server's origins
 * (local/services/s3/server.ts).
 */
export const INGEST_BROWSER_CORS = {
  methods: ['PUT', 'GET', 'HEAD'],
  /** The browser sends Content-Type with the file; the SDK's own headers start with x-amz-. */
  headers: ['content-type', 'content-md5', 'x-amz-*'],
  /** Readable by the app after a PUT (the uploaded object's version). */
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3000,
} as const;

/** The same rule as S3's `CORSConfiguration` XML (what s3rver reads at start). */
export function ingestCorsXml(origins: readonly string[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const tags = (name: string, values: readonly string[]) => values.map((v) => `<${name}>${escape(v)}</${name}>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    tags('AllowedOrigin', origins) +
    tags('AllowedMethod', INGEST_BROWSER_CORS.methods) +
    tags('AllowedHeader', INGEST_BROWSER_CORS.headers) +
    tags('ExposeHeader', INGEST_BROWSER_CORS.exposedHeaders) +
    `<MaxAgeSeconds>${INGEST_BROWSER_CORS.maxAgeSeconds}</MaxAgeSeconds>` +
    '</CORSRule></CORSConfiguration>'
  );
}
