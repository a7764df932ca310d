import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseReservation } from '../../functions/commons/inventory-model.js';
import { expireReservation, sweepReservations, type SweepSummary } from '../../functions/reservation-sweeper/index.js';
import { startScheduler } from '../../local/services/scheduler.js';
import { createHarness, getItem, getStock, putReservation, putStock, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('swp');
});
afterAll(async () => {
  await h.destroy();
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe('functions/reservation-sweeper', () => {
  it('expires due holds only and gives their units back', async () => {
    await putStock(h, { productId: 'sw1', warehouseId: 'w1', onHand: 20, reserved: 9, sequence: 4 });
    await putStock(h, { productId: 'sw2', warehouseId: 'w1', onHand: 5, reserved: 2, sequence: 2 });
    // due: two lines (one item twice, summed) + another item; not due; already released
    await putReservation(h, {
      id: 'res_due1',
      shard: '3',
      expiresAt: minutes(-2),
      lines: [
        { productId: 'sw1', warehouseId: 'w1', quantity: 2 },
        { productId: 'sw2', warehouseId: 'w1', quantity: 2 },
        { productId: 'sw1', warehouseId: 'w1', quantity: 1 },
      ],
    });
    await putReservation(h, {
      id: 'res_due2',
      shard: 'f',
      expiresAt: minutes(-1),
      lines: [{ productId: 'sw1', warehouseId: 'w1', quantity: 4 }],
    });
    await putReservation(h, {
      id: 'res_later',
      shard: '3',
      expiresAt: minutes(10),
      lines: [{ productId: 'sw1', warehouseId: 'w1', quantity: 2 }],
    });
    await putReservation(h, {
      id: 'res_gone',
      status: 'RELEASED',
      expiresAt: minutes(-5),
      lines: [{ productId: 'sw1', warehouseId: 'w1', quantity: 7 }],
    });

    const summary = await sweepReservations({ doc: h.doc, tableName: h.table });
    expect(summary).toEqual({ due: 2, expired: 2, skipped: 0, failed: 0 });

    const sw1 = await getStock(h, 'sw1', 'w1');
    expect(sw1).toMatchObject({ onHand: 20, reserved: 2, available: 18, sequence: 6, version: 1 });
    expect(sw1['lastMovement']).toMatchObject({ reason: 'EXPIRED', actor: 'system:sweeper', onHandDelta: 0 });
    const sw2 = await getStock(h, 'sw2', 'w1');
    expect(sw2).toMatchObject({ onHand: 5, reserved: 0, available: 5, sequence: 3 });
    expect(sw2['lastMovement']).toMatchObject({
      reason: 'EXPIRED',
      actor: 'system:sweeper',
      reference: 'res_due1',
      reservedDelta: -2,
      onHandDelta: 0,
    });

    const due1 = await getItem(h, 'RESERVATION#res_due1', 'RESERVATION');
    expect(due1).toMatchObject({ status: 'EXPIRED' });
    expect(due1).not.toHaveProperty('gsi1pk');
    expect(due1).not.toHaveProperty('gsi1sk');
    expect(Number(due1?.['ttl'])).toBeGreaterThan(Date.now() / 1000 + 6 * 86400);
    expect(await getItem(h, 'RESERVATION#res_later', 'RESERVATION')).toMatchObject({ status: 'ACTIVE', gsi1pk: 'RESERVATION#ACTIVE#3' });
    expect(await getItem(h, 'RESERVATION#res_gone', 'RESERVATION')).toMatchObject({ status: 'RELEASED' });

    // A second sweep finds nothing left to do.
    expect(await sweepReservations({ doc: h.doc, tableName: h.table })).toEqual({ due: 0, expired: 0, skipped: 0, failed: 0 });
  });

  it('runs as the wired scheduled function (scheduler → function runner → handler)', async () => {
    await putStock(h, { productId: 'sw3', warehouseId: 'w1', onHand: 3, reserved: 3, sequence: 2 });
    await putReservation(h, {
      id: 'res_sched',
      shard: '0',
      expiresAt: minutes(-1),
      lines: [{ productId: 'sw3', warehouseId: 'w1', quantity: 3 }],
    });
    const scheduler = startScheduler({ stage: h.tables.stage, invoke: (name, event) => h.functions.invoke(name, event) });
    try {
      const summary = (await scheduler.runNow('reservation-sweeper')) as SweepSummary;
      expect(summary.expired).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect(await getStock(h, 'sw3', 'w1')).toMatchObject({ reserved: 0, available: 3, sequence: 3 });
  });

  it('races 20 sweepers and a release on the same holds: exactly one terminal state each, counters match', async () => {
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      const productId = `race${round}`;
      const id = `res_race${round}`;
      await putStock(h, { productId, warehouseId: 'w1', onHand: 10, reserved: 4, sequence: 7 });
      await putReservation(h, {
        id,
        shard: String(round),
        expiresAt: new Date(Date.now() - 1000),
        lines: [{ productId, warehouseId: 'w1', quantity: 4 }],
      });

      const now = Math.floor(Date.now() / 1000);
      const release = async (): Promise<boolean> => {
        // What releaseReservation writes: status ACTIVE → RELEASED, units back, in one transaction.
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            await h.doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Update: {
                      TableName: h.table,
                      Key: { pk: `RESERVATION#${id}`, sk: 'RESERVATION' },
                      UpdateExpression: 'SET #status = :released, updatedAt = :iso, #ttl = :ttl REMOVE gsi1pk, gsi1sk',
                      ConditionExpression: '#status = :active',
                      ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
                      ExpressionAttributeValues: {
                        ':released': 'RELEASED',
                        ':active': 'ACTIVE',
                        ':iso': new Date().toISOString(),
                        ':ttl': now + 604800,
                      },
                    },
                  },
                  {
                    Update: {
                      TableName: h.table,
                      Key: { pk: `PRODUCT#${productId}`, sk: 'STOCK#w1' },
                      UpdateExpression: 'SET reserved = reserved - :q, available = available + :q, #s = #s + :one, lastMovement = :m',
                      ConditionExpression: 'attribute_exists(pk)',
                      ExpressionAttributeNames: { '#s': 'sequence' },
                      ExpressionAttributeValues: {
                        ':q': 4,
                        ':one': 1,
                        ':m': {
                          reason: 'RELEASED',
                          actor: 'partner:p1',
                          reference: id,
                          onHandDelta: 0,
                          reservedDelta: -4,
                          at: new Date().toISOString(),
                        },
                      },
                    },
                  },
                ],
              }),
            );
            return true;
          } catch (error) {
            const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
            if (codes[0] === 'ConditionalCheckFailed') return false;
            if (!codes.includes('TransactionConflict')) throw error;
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
          }
        }
        return false;
      };

      const quiet = { debug() {}, info() {}, warn() {}, error() {} };
      // Half the sweepers found the hold in the index before anyone wrote (a stale read), so only
      // the conditional write stands between them and a double release.
      const seen = parseReservation(await getItem(h, `RESERVATION#${id}`, 'RESERVATION'));
      const [released, ...outcomes] = await Promise.all([
        // The release starts at a random moment, so either side can win.
        new Promise((r) => setTimeout(r, Math.random() * 15)).then(release),
        ...Array.from({ length: 10 }, () => sweepReservations({ doc: h.doc, tableName: h.table, log: quiet }).then((s) => s.expired)),
        ...Array.from({ length: 10 }, () =>
          expireReservation({ doc: h.doc, tableName: h.table, log: quiet, reservation: seen }).then((o) => (o === 'expired' ? 1 : 0)),
        ),
      ]);
      const expired = outcomes.reduce((n: number, x) => n + Number(x), 0);
      const reservation = await getItem(h, `RESERVATION#${id}`, 'RESERVATION');
      const stock = await getStock(h, productId, 'w1');

      expect(Number(released) + expired).toBe(1);
      expect(reservation?.['status']).toBe(released ? 'RELEASED' : 'EXPIRED');
      expect(reservation).not.toHaveProperty('gsi1pk');
      expect(stock).toMatchObject({ onHand: 10, reserved: 0, available: 10, sequence: 8 });
      expect((stock['lastMovement'] as { reason: string }).reason).toBe(released ? 'RELEASED' : 'EXPIRED');
    }
  });
});

describe('functions/reservation-sweeper on a hot item', () => {
  it('expires the holds of one item one after another, never in colliding transactions', async () => {
    await putStock(h, { productId: 'hot', warehouseId: 'w1', onHand: 100, reserved: 30, sequence: 30 });
    await putStock(h, { productId: 'cold', warehouseId: 'w1', onHand: 100, reserved: 10, sequence: 10 });
    for (let i = 0; i < 30; i++)
      await putReservation(h, {
        id: `res_hot${i}`,
        shard: (i % 16).toString(16),
        expiresAt: minutes(-1),
        lines: [{ productId: 'hot', warehouseId: 'w1', quantity: 1 }],
      });
    for (let i = 0; i < 10; i++)
      await putReservation(h, {
        id: `res_cold${i}`,
        shard: (i % 16).toString(16),
        expiresAt: minutes(-1),
        lines: [{ productId: 'cold', warehouseId: 'w1', quantity: 1 }],
      });
    // Counts the sweeper's transactions in flight per item: on AWS two at once on one item conflict.
    const inFlight = new Map<string, number>();
    let worst = 0;
    const doc = {
      send: async (command: { input?: { TransactItems?: { Update?: { Key?: { pk?: string } } }[] } }) => {
        const items = (command.input?.TransactItems ?? [])
          .map((t) => t.Update?.Key?.pk)
          .filter((pk): pk is string => !!pk && pk.startsWith('PRODUCT#'));
        for (const pk of items) {
          inFlight.set(pk, (inFlight.get(pk) ?? 0) + 1);
          worst = Math.max(worst, inFlight.get(pk)!);
        }
        try {
          return await h.doc.send(command as never);
        } finally {
          for (const pk of items) inFlight.set(pk, inFlight.get(pk)! - 1);
        }
      },
    };
    const summary = await sweepReservations({ doc: doc as never, tableName: h.table });
    expect(summary).toEqual({ due: 40, expired: 40, skipped: 0, failed: 0 });
    expect(worst).toBe(1);
    expect(await getStock(h, 'hot', 'w1')).toMatchObject({ reserved: 0, available: 100, sequence: 60 });
    expect(await getStock(h, 'cold', 'w1')).toMatchObject({ reserved: 0, available: 100, sequence: 20 });
  });
});
