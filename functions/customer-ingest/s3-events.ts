/**
 * What an SQS message from the ingest bucket's notification holds: an S3 event (one or more
 * object-created records) or, once when the notification is configured, an `s3:TestEvent`.
 * Parsed by shape, not cast: anything else is a poison message (it fails, and ends in the DLQ).
 */
export interface CreatedObject {
  readonly bucket: string;
  /** Decoded: S3 events URL-encode keys (`+` for spaces). */
  readonly key: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly eventName: string;
}

export class S3EventShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'S3EventShapeError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The created objects of a message body; `[]` for a test event or a non-create record. */
export function createdObjectsOf(body: string): CreatedObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new S3EventShapeError('the message body is not JSON');
  }
  if (!isObject(parsed)) throw new S3EventShapeError('the message body is not an S3 event');
  if (parsed['Event'] === 's3:TestEvent') return [];
  const records = parsed['Records'];
  if (!Array.isArray(records)) throw new S3EventShapeError('the S3 event has no Records');
  const objects: CreatedObject[] = [];
  for (const record of records as unknown[]) {
    if (!isObject(record) || typeof record['eventName'] !== 'string') throw new S3EventShapeError('an S3 record has no eventName');
    if (!record['eventName'].startsWith('ObjectCreated:')) continue;
    const s3 = record['s3'];
    const bucket = isObject(s3) && isObject(s3['bucket']) ? s3['bucket']['name'] : undefined;
    const object = isObject(s3) ? s3['object'] : undefined;
    const key = isObject(object) ? object['key'] : undefined;
    if (typeof bucket !== 'string' || typeof key !== 'string' || !isObject(object))
      throw new S3EventShapeError('an S3 record has no bucket or key');
    objects.push({
      bucket,
      key: decodeS3Key(key),
      versionId: typeof object['versionId'] === 'string' ? object['versionId'] : undefined,
      eTag: typeof object['eTag'] === 'string' ? object['eTag'] : undefined,
      eventName: record['eventName'],
    });
  }
  return objects;
}
