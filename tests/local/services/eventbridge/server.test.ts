/**
 * The local EventBridge endpoint through the real `@aws-sdk/client-eventbridge`: PutEvents limits
 * and per-entry errors ("PutEvents" in the EventBridge API Reference), TestEventPattern answers,
 * rule delivery with EventBridge's event shape, retries, the dead-letter queue and its redrive.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventBridgeClient,
  InvalidEventPatternException,
  PutEventsCommand,
  TestEventPatternCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalEventBus, rejectOnce, type LocalRule } from '../../../../local/services/eventbridge/bus.js';
import type { EventBridgeEvent } from '../../../../local/services/eventbridge/event-shape.js';
import { startEventBridgeServer, type EventBridgeEndpoint } from '../../../../local/services/eventbridge/server.js';

const BUS = 'stockroom-test-bus';
const open: EventBridgeEndpoint[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(rules: LocalRule[] = [], extra: Parameters<typeof createLocalEventBus>[0] = {}) {
  const endpoint = await startEventBridgeServer({ bus: createLocalEventBus({ rules, eventBusNames: [BUS], ...extra }) });
  open.push(endpoint);
  const client = new EventBridgeClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    maxAttempts: 1,
  });
  return { endpoint, client, bus: endpoint.bus };
}

const entry = (detail: Record<string, unknown>, overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  EventBusName: BUS,
  Source: 'stockroom.inventory',
  DetailType: 'StockChanged',
  Detail: JSON.stringify(detail),
  ...overrides,
});

const ec2Event = JSON.stringify({
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
});

describe('local EventBridge endpoint: PutEvents', () => {
  it('accepts 1 to 10 entries and answers an EventId for each', async () => {
    const { client, bus } = await start();
    const out = await client.send(new PutEventsCommand({ Entries: Array.from({ length: 10 }, (_, i) => entry({ i })) }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toHaveLength(10);
    for (const e of out.Entries ?? []) expect(e.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bus.events()).toHaveLength(10);
  });

  it.each([
    ['0 entries', 0, /length greater than or equal to 1/],
    ['11 entries', 11, /length less than or equal to 10/],
  ])('rejects a request with %s (ValidationException)', async (_what, count, message) => {
    const { client } = await start();
    await expect(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: count }, (_, i) => entry({ i })) })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(message) });
  });

  it("rejects a request over the total entry size limit, counting AWS's way", async () => {
    const { client } = await start();
    // Source (19) + DetailType (12) + Detail; 2 entries of ~130 KB exceed 256 KB together.
    const big = 'x'.repeat(130 * 1024);
    await expect(client.send(new PutEventsCommand({ Entries: [entry({ big }), entry({ big })] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
    const out = await client.send(new PutEventsCommand({ Entries: [entry({ big })] }));
    expect(out.FailedEntryCount).toBe(0);
  });

  it.each([
    ['no Source', { Source: undefined }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    [
      'no DetailType',
      { DetailType: undefined },
      'InvalidArgument',
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    ],
    ['no Detail', { Detail: undefined }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    ['Detail that is not JSON', { Detail: '{oops' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is not an object', { Detail: '[1,2]' }, 'MalformedDetail', 'Detail is malformed.'],
    ['an aws. source', { Source: 'aws.ec2' }, 'NotAuthorizedForSourceException', 'Not authorized for the source.'],
    ['an unknown bus', { EventBusName: 'nope' }, 'ResourceNotFoundException', 'Event bus nope does not exist.'],
  ] as const)('fails only the entry with %s, per entry', async (_what, overrides, code, message) => {
    const { client } = await start();
    const out = await client.send(
      new PutEventsCommand({
        Entries: [entry({ ok: 1 }), entry({ bad: 1 }, overrides as Partial<PutEventsRequestEntry>), entry({ ok: 2 })],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries?.[0]?.EventId).toBeDefined();
    expect(out.Entries?.[1]).toEqual({ ErrorCode: code, ErrorMessage: message });
    expect(out.Entries?.[2]?.EventId).toBeDefined();
  });

  it('accepts the bus by ARN', async () => {
    const { client } = await start();
    const out = await client.send(
      new PutEventsCommand({ Entries: [entry({ a: 1 }, { EventBusName: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS}` })] }),
    );
    expect(out.FailedEntryCount).toBe(0);
  });

  it('lets a fault hook reject chosen entries once, so only those need a retry', async () => {
    const { client, bus } = await start();
    bus.setEntryFault(rejectOnce((_e, index) => index === 1));
    const entries = [entry({ n: 0 }), entry({ n: 1 }), entry({ n: 2 })];
    const first = await client.send(new PutEventsCommand({ Entries: entries }));
    expect(first.FailedEntryCount).toBe(1);
    expect(first.Entries?.[1]).toEqual({ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service error.' });
    const retry = await client.send(new PutEventsCommand({ Entries: [entries[1] as PutEventsRequestEntry] }));
    expect(retry.FailedEntryCount).toBe(0);
    expect(bus.events().map((e) => (e.detail as { n: number }).n)).toEqual([0, 2, 1]);
  });
});

describe('local EventBridge endpoint: TestEventPattern', () => {
  it.each([
    ['matching', '{"source": ["aws.ec2"], "detail": {"state": ["pending"]}}', true],
    ['not matching', '{"source": ["aws.ec2"], "detail": {"state": ["running"]}}', false],
  ])('answers Result for a %s pattern', async (_what, pattern, expected) => {
    const { client } = await start();
    const out = await client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: ec2Event }));
    expect(out.Result).toBe(expected);
  });

  it('throws InvalidEventPatternException for an invalid pattern', async () => {
    const { client } = await start();
    const error = await client
      .send(new TestEventPatternCommand({ EventPattern: '{"source": "aws.ec2"}', Event: ec2Event }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect((error as Error).message).toBe(
      'Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{"source": "aws.ec2"}"; line: 1, column: 21]',
    );
  });

  it('rejects an event without the mandatory envelope fields (ValidationException)', async () => {
    const { client } = await start();
    await expect(
      client.send(new TestEventPatternCommand({ EventPattern: '{"source": ["x"]}', Event: '{"source": "x"}' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
  });
});

describe('local EventBridge rules', () => {
  it("delivers EventBridge's event shape to the targets whose pattern matches", async () => {
    const received: EventBridgeEvent[] = [];
    const ignored: EventBridgeEvent[] = [];
    const { client, bus } = await start([
      {
        name: 'stock',
        eventBusName: BUS,
        eventPattern: { 'detail-type': ['StockChanged'], detail: { type: [{ prefix: 'Stock' }] } },
        target: (e) => void received.push(e),
      },
      { name: 'orders', eventBusName: BUS, eventPattern: { 'detail-type': ['OrderCreated'] }, target: (e) => void ignored.push(e) },
    ]);
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          entry(
            { type: 'StockChanged' },
            { Resources: ['arn:aws:dynamodb:us-east-1:000000000000:table/x'], Time: new Date('2026-01-02T03:04:05.678Z') },
          ),
        ],
      }),
    );
    await bus.drain();
    expect(ignored).toEqual([]);
    expect(received).toEqual([
      {
        version: '0',
        id: out.Entries?.[0]?.EventId,
        'detail-type': 'StockChanged',
        source: 'stockroom.inventory',
        account: '000000000000',
        time: '2026-01-02T03:04:05Z',
        region: 'us-east-1',
        resources: ['arn:aws:dynamodb:us-east-1:000000000000:table/x'],
        detail: { type: 'StockChanged' },
      },
    ]);
  });

  it('retries a failing target with backoff and succeeds within the policy', async () => {
    let calls = 0;
    const { client, bus } = await start([
      {
        name: 'flaky',
        eventBusName: BUS,
        eventPattern: { source: ['stockroom.inventory'] },
        retryPolicy: { maximumRetryAttempts: 3, baseDelayMs: 5 },
        target: () => {
          calls += 1;
          if (calls < 3) throw new Error(`boom ${calls}`);
        },
      },
    ]);
    await client.send(new PutEventsCommand({ Entries: [entry({ a: 1 })] }));
    await bus.drain();
    expect(calls).toBe(3);
    expect(bus.deadLetters.list()).toEqual([]);
  });

  it('parks an event in the dead-letter queue after the last attempt, on disk, and redrives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eb-dlq-'));
    dirs.push(dir);
    let healthy = false;
    const delivered: unknown[] = [];
    const { client, bus } = await start(
      [
        {
          name: 'poisoned',
          eventBusName: BUS,
          eventPattern: { source: ['stockroom.inventory'] },
          retryPolicy: { maximumRetryAttempts: 1, baseDelayMs: 1 },
          target: (e) => {
            if (!healthy) throw new Error('target is down');
            delivered.push(e.detail);
          },
        },
      ],
      { deadLetterDir: dir },
    );
    await client.send(new PutEventsCommand({ Entries: [entry({ a: 1 }), entry({ b: 2 })] }));
    await bus.drain();
    const letters = bus.deadLetters.list();
    expect(letters.map((l) => [l.rule, l.attempts, l.error, l.event.detail])).toEqual([
      ['poisoned', 2, 'target is down', { a: 1 }],
      ['poisoned', 2, 'target is down', { b: 2 }],
    ]);
    expect(readdirSync(dir).sort()).toEqual(letters.map((l) => `${l.id}.json`).sort());

    // A restarted bus finds the parked letters; the admin routes serve them to the CLI.
    const listed = (await (await fetch(`${open[0]?.url}/_stockroom/dlq`)).json()) as { deadLetters: { id: string }[] };
    expect(listed.deadLetters.map((l) => l.id)).toEqual(letters.map((l) => l.id));
    const shown = (await (await fetch(`${open[0]?.url}/_stockroom/dlq/${letters[0]?.id}`)).json()) as { event: { detail: unknown } };
    expect(shown.event.detail).toEqual({ a: 1 });

    healthy = true;
    const redrive = (await (
      await fetch(`${open[0]?.url}/_stockroom/dlq/redrive`, { method: 'POST', body: JSON.stringify({ id: letters[0]?.id }) })
    ).json()) as { redriven: string[] };
    expect(redrive.redriven).toEqual([letters[0]?.id]);
    expect((await bus.redrive()).redriven).toEqual([letters[1]?.id]);
    expect(delivered).toEqual([{ a: 1 }, { b: 2 }]);
    expect(bus.deadLetters.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps parked letters across a restart of the bus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eb-dlq-'));
    dirs.push(dir);
    const failing: LocalRule = {
      name: 'r',
      eventBusName: BUS,
      eventPattern: { source: ['stockroom.inventory'] },
      retryPolicy: { maximumRetryAttempts: 0 },
      target: () => Promise.reject(new Error('down')),
    };
    const first = createLocalEventBus({ rules: [failing], deadLetterDir: dir });
    first.putEvents({ Entries: [entry({ a: 1 })] });
    await first.drain();
    const second = createLocalEventBus({ rules: [failing], deadLetterDir: dir });
    expect(second.deadLetters.list().map((l) => l.event.detail)).toEqual([{ a: 1 }]);
  });

  it('refuses a rule with an invalid pattern at construction', () => {
    expect(() => createLocalEventBus({ rules: [{ name: 'bad', eventPattern: { source: 'x' }, target: () => undefined }] })).toThrow(
      /"source" must be an object or an array/,
    );
  });
});
