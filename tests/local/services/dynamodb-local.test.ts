import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { JavaNotFoundError, createDynamoClient, findFreePort, startDynamoLocal } from '../../../local/services/dynamodb-local.js';
import { deleteTables, ensureTables, truncateTables } from '../../../local/services/tables.js';
import { resourceName, wiring } from '../../../build/wiring.js';
import { dynamoEndpoint } from '../../setup/tables.js';

const alive = (pid: number | undefined): boolean => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ensureTables', () => {
  const client = createDynamoClient(dynamoEndpoint());
  const stage = `svc${process.pid}`;
  beforeAll(() => ensureTables(client, { stage }));
  afterAll(async () => {
    await deleteTables(client, { stage });
    client.destroy();
  });

  it('creates every wired table from build/wiring.ts: keys, GSIs with ALL projection, stream, on-demand billing', async () => {
    for (const spec of wiring.tables) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: resourceName(stage, spec.name) }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
        ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(
        (Table?.GlobalSecondaryIndexes ?? [])
          .map((g) => [g.IndexName, g.Projection?.ProjectionType, g.KeySchema?.map((k) => k.AttributeName)])
          .sort(),
      ).toEqual(
        spec.globalSecondaryIndexes.map((g) => [g.name, 'ALL', [g.partitionKey.name, ...(g.sortKey ? [g.sortKey.name] : [])]]).sort(),
      );
      if (spec.stream) {
        expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: spec.stream });
        expect(Table?.LatestStreamArn).toBeTruthy();
      }
      if (spec.timeToLiveAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: resourceName(stage, spec.name) }));
        expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: spec.timeToLiveAttribute });
      }
    }
  });

  it('is idempotent and honours a custom physical name', async () => {
    await expect(ensureTables(client, { stage })).resolves.toEqual({ main: resourceName(stage, 'main') });
    const names = await ensureTables(client, { stage, tableName: (t) => `custom-${stage}-${t}` });
    expect(names).toEqual({ main: `custom-${stage}-main` });
    await deleteTables(client, { stage, tableName: (t) => `custom-${stage}-${t}` });
  });

  it('truncateTables empties tables without deleting them', async () => {
    const TableName = resourceName(stage, 'main');
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    await truncateTables(client, { stage });
    expect((await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' }, sk: { S: 'b' } } }))).Item).toBeUndefined();
  });
});

describe('startDynamoLocal', () => {
  it('persists under dbPath across restarts, on a free port, and stop() leaves no Java process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-ddb-'));
    try {
      const first = await startDynamoLocal({ dbPath: join(dir, 'db') });
      expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
      const c1 = createDynamoClient(first.endpoint);
      await ensureTables(c1, { stage: 'persist' });
      await c1.send(new PutItemCommand({ TableName: 'stockroom-persist-main', Item: { pk: { S: 'kept' }, sk: { S: '1' } } }));
      c1.destroy();
      await first.stop();
      expect(alive(first.pid)).toBe(false);

      const second = await startDynamoLocal({ dbPath: join(dir, 'db') });
      const c2 = createDynamoClient(second.endpoint);
      const got = await c2.send(new GetItemCommand({ TableName: 'stockroom-persist-main', Key: { pk: { S: 'kept' }, sk: { S: '1' } } }));
      c2.destroy();
      await second.stop();
      await second.stop(); // idempotent
      expect(got.Item?.pk).toEqual({ S: 'kept' });
      expect(alive(second.pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails clearly when Java is missing', async () => {
    await expect(startDynamoLocal({ javaPath: '/nonexistent/bin/java' })).rejects.toThrow(JavaNotFoundError);
    await expect(startDynamoLocal({ javaPath: '/nonexistent/bin/java' })).rejects.toThrow(/needs a Java runtime/);
  });

  it('findFreePort returns a usable port', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});

describe('orphan protection', () => {
  it('kills DynamoDB Local when the owning process gets SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const moduleUrl = new URL('../../../local/services/dynamodb-local.ts', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(moduleUrl)}); const d = await m.startDynamoLocal(); console.log('PID ' + d.pid); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const javaPid = await new Promise<number>((resolvePid, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /PID (\d+)/.exec(out);
        if (m) resolvePid(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
    });
    try {
      expect(alive(javaPid)).toBe(true);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      for (let i = 0; i < 50 && alive(javaPid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(javaPid)).toBe(false);
    } finally {
      if (alive(javaPid)) process.kill(javaPid, 'SIGKILL');
    }
  }, 60_000);
});
