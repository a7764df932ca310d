import { describe, expect, it } from 'vitest';
import { firstFailedIndex, toLambdaAttributeValue, toLambdaRecord } from '../../../../local/services/stream-poller/records.js';

describe('toLambdaAttributeValue: SDK values as Lambda puts them in the event', () => {
  it.each([
    [{ S: 'a' }, { S: 'a' }],
    [{ N: '1.5' }, { N: '1.5' }],
    [{ BOOL: false }, { BOOL: false }],
    [{ NULL: true }, { NULL: true }],
    [{ B: new Uint8Array([104, 105]) }, { B: 'aGk=' }],
    [{ BS: [new Uint8Array([104, 105])] }, { BS: ['aGk='] }],
    [{ SS: ['a', 'b'] }, { SS: ['a', 'b'] }],
    [{ L: [{ S: 'a' }, { M: { n: { N: '1' } } }] }, { L: [{ S: 'a' }, { M: { n: { N: '1' } } }] }],
  ])('%j', (value, expected) => {
    expect(toLambdaAttributeValue(value as never)).toEqual(expected);
  });

  it('refuses an unknown value shape', () => {
    expect(() => toLambdaAttributeValue({} as never)).toThrow(/unknown attribute value/);
  });
});

describe('firstFailedIndex: reading a partial batch response', () => {
  const seqs = ['100', '200', '300'];
  it.each([
    ['no result', undefined, -1],
    ['no failures', { batchItemFailures: [] }, -1],
    ['batchItemFailures null', { batchItemFailures: null }, -1],
    ['the earliest reported record', { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] }, 1],
    ['an unknown identifier fails the whole batch', { batchItemFailures: [{ itemIdentifier: '999' }] }, 0],
    ['an empty identifier fails the whole batch', { batchItemFailures: [{ itemIdentifier: '' }] }, 0],
    ['not a list fails the whole batch', { batchItemFailures: 'all' }, 0],
  ])('%s → %i', (_name, result, index) => {
    expect(firstFailedIndex(result, seqs)).toBe(index);
  });
});

describe('toLambdaRecord', () => {
  it('keeps keys, images and sequence number, with the region and stream ARN of the mapping', () => {
    const record = toLambdaRecord(
      {
        eventID: 'e1',
        eventName: 'MODIFY',
        dynamodb: {
          ApproximateCreationDateTime: new Date(1_700_000_000_500),
          Keys: { pk: { S: 'a' } },
          NewImage: { pk: { S: 'a' } },
          SequenceNumber: '100',
          SizeBytes: 10,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
      'arn:stream',
      'us-east-1',
    );
    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:stream',
      dynamodb: {
        ApproximateCreationDateTime: 1_700_000_000,
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' } },
        SequenceNumber: '100',
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });
});
