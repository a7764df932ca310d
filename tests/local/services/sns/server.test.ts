/**
 * The local SNS endpoint through the real `@aws-sdk/client-sns`: Publish and PublishBatch as the
 * Amazon SNS API Reference describes them, and the message store tests read. Error names are
 * the SDK's exception classes, which it picks from the wire codes (`InvalidParameter`,
 * `ParameterValueInvalid`, `NotFound`, …).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundException, PublishBatchCommand, PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { startSnsServer, type SnsEndpoint } from '../../../../local/services/sns/server.js';

const TOPIC = 'stockroom-test-alerts';
const open: SnsEndpoint[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(file?: string) {
  const sns = await startSnsServer({ topics: [TOPIC, 'stockroom-test-orders.fifo'], file });
  open.push(sns);
  const client = new SNSClient({
    endpoint: sns.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    maxAttempts: 1,
  });
  return { sns, client, topicArn: sns.topicArn(TOPIC) };
}

const attrs: Record<string, MessageAttributeValue> = {
  type: { DataType: 'String', StringValue: 'LOW_STOCK' },
  warehouseId: { DataType: 'String', StringValue: 'wh-1' },
};

describe('local SNS endpoint: Publish', () => {
  it('keeps the message with its attributes and answers its MessageId', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sns-'));
    dirs.push(dir);
    const file = join(dir, 'sns', 'messages.jsonl');
    const { client, sns, topicArn } = await start(file);
    const out = await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: '{"alertId":"a-1"}', Subject: 'Low stock', MessageAttributes: attrs }),
    );
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const [stored] = sns.store.messages(TOPIC);
    expect(stored).toMatchObject({
      messageId: out.MessageId,
      topicArn: 'arn:aws:sns:us-east-1:000000000000:stockroom-test-alerts',
      message: '{"alertId":"a-1"}',
      subject: 'Low stock',
      messageAttributes: {
        type: { DataType: 'String', StringValue: 'LOW_STOCK' },
        warehouseId: { DataType: 'String', StringValue: 'wh-1' },
      },
    });
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([stored]);
  });

  it('answers NotFound for a topic that does not exist', async () => {
    const { client } = await start();
    const error = await client
      .send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toBe('Topic does not exist');
  });

  it.each([
    ['an empty message', { Message: '' }, 'InvalidParameterException', 'Invalid parameter: Empty message'],
    ['a message over 256 KB', { Message: 'x'.repeat(256 * 1024 + 1) }, 'InvalidParameterException', 'Invalid parameter: Message too long'],
    [
      'a Number attribute that is not a number',
      { Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } },
      'InvalidParameterValueException',
      "Could not cast message attribute 'n' value to number.",
    ],
    [
      'an unknown attribute type',
      { Message: 'x', MessageAttributes: { n: { DataType: 'Date', StringValue: 'x' } } },
      'InvalidParameterValueException',
      "The message attribute 'n' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    ],
    [
      '11 attributes',
      {
        Message: 'x',
        MessageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])),
      },
      'InvalidParameterValueException',
      'Number of message attributes [11] exceeds the allowed maximum [10].',
    ],
  ] as const)('rejects %s', async (_what, input, code, message) => {
    const { client, topicArn, sns } = await start();
    await expect(client.send(new PublishCommand({ TopicArn: topicArn, ...(input as { Message: string }) }))).rejects.toMatchObject({
      name: code,
      message,
    });
    expect(sns.store.messages()).toEqual([]);
  });

  it('requires a MessageGroupId on a FIFO topic and answers a SequenceNumber', async () => {
    const { client, sns } = await start();
    const fifo = sns.topicArn('stockroom-test-orders.fifo');
    await expect(client.send(new PublishCommand({ TopicArn: fifo, Message: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const out = await client.send(new PublishCommand({ TopicArn: fifo, Message: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' }));
    expect(out.SequenceNumber).toMatch(/^\d+$/);
  });
});

describe('local SNS endpoint: PublishBatch', () => {
  it('publishes each entry and reports failed ones per entry', async () => {
    const { client, topicArn, sns } = await start();
    const out = await client.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first', MessageAttributes: attrs },
          { Id: 'two', Message: '' },
          { Id: 'three', Message: 'third' },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['one', 'three']);
    expect(out.Failed).toEqual([{ Id: 'two', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
    expect(sns.store.messages().map((m) => [m.messageId, m.message])).toEqual(
      out.Successful?.map((s, i) => [s.MessageId, ['first', 'third'][i]]),
    );
    expect(sns.store.messages()[0]?.messageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'LOW_STOCK' },
      warehouseId: { DataType: 'String', StringValue: 'wh-1' },
    });
  });

  it.each([
    ['no entries', [], 'EmptyBatchRequestException'],
    ['11 entries', Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: 'm' })), 'TooManyEntriesInBatchRequestException'],
    [
      'duplicate ids',
      [
        { Id: 'a', Message: 'm' },
        { Id: 'a', Message: 'n' },
      ],
      'BatchEntryIdsNotDistinctException',
    ],
    [
      '256 KB in total',
      [
        { Id: 'a', Message: 'x'.repeat(200 * 1024) },
        { Id: 'b', Message: 'x'.repeat(100 * 1024) },
      ],
      'BatchRequestTooLongException',
    ],
  ])('rejects a batch with %s', async (_what, entries, code) => {
    const { client, topicArn, sns } = await start();
    await expect(client.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }))).rejects.toMatchObject({
      name: code,
    });
    expect(sns.store.messages()).toEqual([]);
  });

  it('tells listeners about each message as it arrives', async () => {
    const { client, topicArn, sns } = await start();
    const seen: string[] = [];
    const stop = sns.store.onMessage((m) => seen.push(m.message));
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'hello' }));
    stop();
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'unheard' }));
    expect(seen).toEqual(['hello']);
  });
});
