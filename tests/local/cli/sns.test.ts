/**
 * `stockroom sns tail`: the messages a local SNS endpoint stored in `<state dir>/sns/messages.jsonl`
 * (published with the real `@aws-sdk/client-sns`), filtered by topic, once or followed as new
 * ones arrive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { snsCommand, snsMessagesFile } from '../../../local/cli/sns.js';
import { UsageError } from '../../../local/cli/args.js';
import { startSnsServer } from '../../../local/services/sns/server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function localSns() {
  const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-sns-'));
  cleanup.push(() => rmSync(stateDir, { recursive: true, force: true }));
  const sns = await startSnsServer({ topics: ['stockroom-t-alerts', 'stockroom-t-other'], file: snsMessagesFile(stateDir) });
  cleanup.push(() => sns.close());
  const client = new SNSClient({ endpoint: sns.url, region: 'us-east-1', credentials: { accessKeyId: 'any', secretAccessKey: 'any' } });
  cleanup.push(() => client.destroy());
  const publish = (topic: string, message: string, type = 'LOW_STOCK') =>
    client.send(
      new PublishCommand({
        TopicArn: sns.topicArn(topic),
        Message: message,
        MessageAttributes: { type: { DataType: 'String', StringValue: type }, warehouseId: { DataType: 'String', StringValue: 'wh-1' } },
      }),
    );
  return { stateDir, publish };
}

async function tail(argv: string[], signal?: AbortSignal): Promise<string[]> {
  const lines: string[] = [];
  await snsCommand(argv, (line) => lines.push(line), signal);
  return lines;
}

describe('stockroom sns tail', () => {
  it('--once prints every stored message, oldest first, with its topic and attributes', async () => {
    const { stateDir, publish } = await localSns();
    const a = await publish('stockroom-t-alerts', '{"alertId":"a-1"}');
    await publish('stockroom-t-other', 'hello', 'NOTE');
    const lines = await tail(['tail', '--once', '--state-dir', stateDir]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^\\S+Z  stockroom-t-alerts  ${a.MessageId}  \\[type=LOW_STOCK warehouseId=wh-1\\]  \\{"alertId":"a-1"\\}$`),
    );
    expect(lines[1]).toContain('stockroom-t-other');
  });

  it.each([['stockroom-t-alerts'], ['arn:aws:sns:us-east-1:000000000000:stockroom-t-alerts']])(
    '--topic %s keeps that topic only',
    async (topic) => {
      const { stateDir, publish } = await localSns();
      await publish('stockroom-t-other', 'not this');
      await publish('stockroom-t-alerts', 'this');
      const lines = await tail(['tail', '--once', '--topic', topic, '--json', '--state-dir', stateDir]);
      expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['this']);
    },
  );

  it('prints nothing for a state dir without messages', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-sns-'));
    cleanup.push(() => rmSync(stateDir, { recursive: true, force: true }));
    expect(await tail(['tail', '--once', '--state-dir', stateDir])).toEqual([]);
  });

  it('follows: messages published while it runs are printed as they arrive, until stopped', async () => {
    const { stateDir, publish } = await localSns();
    await publish('stockroom-t-alerts', 'first');
    const stop = new AbortController();
    const lines: string[] = [];
    const following = snsCommand(['tail', '--topic', 'stockroom-t-alerts', '--state-dir', stateDir], (l) => lines.push(l), stop.signal);
    await publish('stockroom-t-alerts', 'second');
    await publish('stockroom-t-other', 'elsewhere');
    const deadline = Date.now() + 10_000;
    while (lines.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await following;
    expect(lines.map((l) => l.split('  ').pop())).toEqual(['first', 'second']);
  });

  it.each([[[]], [['head']], [['tail', '--nope']]])('rejects bad usage %j', async (argv) => {
    await expect(tail(argv)).rejects.toBeInstanceOf(UsageError);
  });
});
