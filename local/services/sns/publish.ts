/**
 * Publish and PublishBatch rules as SNS applies them (Amazon SNS API Reference "Publish" and
 * "PublishBatch"): a non-empty message, at most 256 KB with its attributes, at most 10 message
 * attributes of type String, String.Array, Number or Binary, 1–10 batch entries with distinct ids.
 */
import { Buffer } from 'node:buffer';
import { queryList, SnsApiError, type QueryParams } from './query.js';

export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_ATTRIBUTES = 10;
export const MAX_BATCH_ENTRIES = 10;

export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export interface PublishInput {
  readonly topicArn: string;
  readonly message: string;
  readonly subject?: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

function invalid(message: string, code = 'InvalidParameter'): SnsApiError {
  return new SnsApiError(code, message);
}

export function parseMessageAttributes(params: QueryParams, prefix: string): Record<string, MessageAttribute> {
  const entries = queryList(params, prefix, 'entry');
  if (entries.length > MAX_ATTRIBUTES)
    throw invalid(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
      'ParameterValueInvalid',
    );
  const out: Record<string, MessageAttribute> = {};
  for (const entry of entries) {
    const name = entry.get('Name') ?? '';
    const dataType = entry.get('Value.DataType') ?? '';
    const stringValue = entry.get('Value.StringValue');
    const binaryValue = entry.get('Value.BinaryValue');
    if (name === '') throw invalid('The request must contain non-empty message attribute name.', 'ParameterValueInvalid');
    if (!/^(String|Number|Binary)(\..+)?$/.test(dataType)) {
      throw invalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
        'ParameterValueInvalid',
      );
    }
    const value = dataType.startsWith('Binary') ? binaryValue : stringValue;
    if (value === undefined || value === '')
      throw invalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`,
        'ParameterValueInvalid',
      );
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value)))
      throw invalid(`Could not cast message attribute '${name}' value to number.`, 'ParameterValueInvalid');
    if (dataType === 'String.Array') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed))
        throw invalid(`The message attribute '${name}' with type 'String.Array' must be an array.`, 'ParameterValueInvalid');
    }
    out[name] = dataType.startsWith('Binary') ? { DataType: dataType, BinaryValue: value } : { DataType: dataType, StringValue: value };
  }
  return out;
}

/** Bytes SNS counts toward the 256 KB: the message plus every attribute's name, type and value. */
export function publishSize(message: string, attributes: Readonly<Record<string, MessageAttribute>>): number {
  let size = Buffer.byteLength(message, 'utf8');
  for (const [name, a] of Object.entries(attributes))
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? '');
  return size;
}

/** Validates one message (of Publish, or one entry of PublishBatch with `prefix`). */
export function parsePublish(params: QueryParams, topicArn: string, isFifo: boolean): PublishInput {
  const message = params.get('Message');
  if (message === undefined || message === '') throw invalid('Invalid parameter: Empty message');
  const messageAttributes = parseMessageAttributes(params, 'MessageAttributes');
  if (publishSize(message, messageAttributes) > MAX_MESSAGE_BYTES) throw invalid('Invalid parameter: Message too long');
  const messageGroupId = params.get('MessageGroupId');
  if (isFifo && !messageGroupId) throw invalid('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  if (!isFifo && messageGroupId !== undefined)
    throw invalid(
      'Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type',
    );
  const subject = params.get('Subject');
  const messageDeduplicationId = params.get('MessageDeduplicationId');
  return {
    topicArn,
    message,
    messageAttributes,
    ...(subject !== undefined ? { subject } : {}),
    ...(messageGroupId !== undefined ? { messageGroupId } : {}),
    ...(messageDeduplicationId !== undefined ? { messageDeduplicationId } : {}),
  };
}

/** The request-level checks of PublishBatch; answers the entries with their ids. */
export function batchEntries(params: QueryParams): QueryParams[] {
  const entries = queryList(params, 'PublishBatchRequestEntries');
  if (entries.length === 0) throw new SnsApiError('EmptyBatchRequest', "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH_ENTRIES)
    throw new SnsApiError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
  const ids = entries.map((e) => e.get('Id') ?? '');
  if (new Set(ids).size !== ids.length)
    throw new SnsApiError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
  const total = entries.reduce((n, e) => n + publishSize(e.get('Message') ?? '', {}), 0);
  if (total > MAX_MESSAGE_BYTES)
    throw new SnsApiError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
  return entries;
}
