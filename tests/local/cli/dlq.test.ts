import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterDir, dlqCommand } from '../../../local/cli/dlq.js';
import { createLocalEventBus } from '../../../local/services/eventbridge/bus.js';
import { startEventBridgeServer } from '../../../local/services/eventbridge/server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0)) await undo();
});

async function stateWithOneLetter() {
  const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-state-'));
  cleanup.push(() => rmSync(stateDir, { recursive: true, force: true }));
  let healthy = false;
  const bus = createLocalEventBus({
    deadLetterDir: deadLetterDir(stateDir),
    rules: [
      {
        name: 'receipts',
        eventPattern: { source: ['stockroom.orders'] },
        retryPolicy: { maximumRetryAttempts: 0 },
        target: () => {
          if (!healthy) throw new Error('receipts table missing');
        },
      },
    ],
  });
  bus.putEvents({ Entries: [{ Source: 'stockroom.orders', DetailType: 'OrderCreated', Detail: '{"orderId":"o-1"}' }] });
  await bus.drain();
  return { stateDir, bus, heal: () => (healthy = true), id: bus.deadLetters.list()[0]?.id as string };
}

describe('stockroom dlq', () => {
  it('lists parked letters from the state dir', async () => {
    const { stateDir, id } = await stateWithOneLetter();
    const out = await dlqCommand(['list', '--state-dir', stateDir]);
    expect(out).toContain(id);
    expect(out).toContain('rule=receipts  OrderCreated  attempts=1  receipts table missing');
  });

  it('shows one letter as JSON', async () => {
    const { stateDir, id } = await stateWithOneLetter();
    const letter = JSON.parse(await dlqCommand(['show', id, '--state-dir', stateDir])) as { event: { detail: unknown } };
    expect(letter.event.detail).toEqual({ orderId: 'o-1' });
  });

  it('redrives through the running endpoint named in local.json', async () => {
    const { stateDir, bus, heal } = await stateWithOneLetter();
    const endpoint = await startEventBridgeServer({ bus });
    cleanup.push(() => endpoint.close());
    writeFileSync(join(stateDir, 'local.json'), JSON.stringify({ endpoints: { events: endpoint.url } }));
    expect(await dlqCommand(['redrive', '--state-dir', stateDir])).toMatch(/^redriven: 0\nstill failing: .* receipts table missing$/);
    heal();
    expect(await dlqCommand(['redrive', '--state-dir', stateDir])).toBe('redriven: 1');
    expect(await dlqCommand(['list', '--state-dir', stateDir])).toBe('The dead-letter queue is empty.');
  });

  it.each([[['show']], [['nope']], [[]]])('rejects bad usage %j', async (argv) => {
    await expect(dlqCommand(argv)).rejects.toMatchObject({ name: 'UsageError' });
  });
});
