/**
 * `stockroom start` as a user runs it: a child process, a ready line (how fast is for `npm run bench`, not a test), local.json with
 * every connection fact, a working API, and SIGINT that leaves no DynamoDB Local (Java) behind.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { findFreePort } from '../../local/services/dynamodb-local.js';

const root = join(import.meta.dirname, '..', '..');
const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-start-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function descendants(pid: number): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .flatMap((child) => [child, ...descendants(child)]);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (stockroom start)', () => {
  it('becomes ready, writes local.json, serves the API, and stops cleanly on SIGINT', async () => {
    const port = await findFreePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/stockroom.mjs', 'start', '--in-memory', '--port', String(port), '--state-dir', stateDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', () => undefined);
    // A death by signal resolves to the signal's name, so a failed expectation says which one.
    const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/Stockroom is ready/.test(stdout)) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > 150_000 || child.exitCode !== null || child.signalCode !== null) {
          clearInterval(timer);
          reject(new Error(`not ready: ${stdout}`));
        }
      }, 50);
    });

    const facts = JSON.parse(readFileSync(join(stateDir, 'local.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(facts).sort()).toEqual([
      'adminToken',
      'apiKey',
      'buckets',
      'endpoints',
      'graphqlUrl',
      'iamCredentials',
      'partnerKeys',
      'realtimeUrl',
    ]);
    expect(facts['graphqlUrl']).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(facts['realtimeUrl']).toBe(`ws://127.0.0.1:${port}/graphql/realtime`);
    expect(Object.keys(facts['partnerKeys'] as object)).toHaveLength(2);
    expect(facts['iamCredentials']).toMatchObject({
      accessKeyId: expect.any(String),
      secretAccessKey: expect.any(String),
      region: expect.any(String),
    });
    expect(stdout).toContain(String(facts['apiKey']));
    expect(stdout).toContain(String(facts['adminToken']));

    // Demo data is there, readable with the storefront key and with a demo partner key.
    // The storefront key reads available and status (onHand/threshold are for partners and admins).
    const query = JSON.stringify({ query: '{ stockLevel(productId: "espresso-beans-1kg", warehouseId: "north") { available status } }' });
    const callers: Record<string, string>[] = [
      { 'x-api-key': String(facts['apiKey']) },
      { authorization: Object.values(facts['partnerKeys'] as Record<string, string>)[0]! },
    ];
    for (const headers of callers) {
      const res = await fetch(String(facts['graphqlUrl']), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: query,
      });
      expect(await res.json()).toEqual({ data: { stockLevel: { available: 120, status: 'IN_STOCK' } } });
    }

    // The local bus and alert topic answer the real SDK clients at the endpoints local.json names.
    const endpoints = facts['endpoints'] as { events: string; sns: string };
    const iam = facts['iamCredentials'] as { accessKeyId: string; secretAccessKey: string; region: string };
    const clientConfig = { region: iam.region, credentials: { accessKeyId: iam.accessKeyId, secretAccessKey: iam.secretAccessKey } };
    const events = new EventBridgeClient({ ...clientConfig, endpoint: endpoints.events });
    const put = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'stockroom-local-bus', Source: 'user.script', DetailType: 'Ping', Detail: '{}' }] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    const sns = new SNSClient({ ...clientConfig, endpoint: endpoints.sns });
    const published = await sns.send(
      new PublishCommand({ TopicArn: `arn:aws:sns:${iam.region}:000000000000:stockroom-local-alerts`, Message: 'ping' }),
    );
    expect(published.MessageId).toEqual(expect.any(String));
    events.destroy();
    sns.destroy();

    const children = descendants(child.pid!);
    expect(children.length).toBeGreaterThan(0); // DynamoDB Local runs as a child
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (let i = 0; i < 30 && children.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    const left = children.filter(alive).map((pid) => {
      try {
        return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      } catch {
        return String(pid);
      }
    });
    expect(left).toEqual([]);
    expect(existsSync(join(stateDir, 'local.json'))).toBe(false);
  }, 180_000);

  it('prints help for --help', () => {
    const out = execFileSync(process.execPath, ['bin/stockroom.mjs', 'start', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('--in-memory');
    expect(out).toContain('--port');
  });
});

/** A `stockroom start` child in its own process group (a terminal's Ctrl-C reaches the whole group). */
function startChild(args: readonly string[]) {
  const child = spawn(process.execPath, ['bin/stockroom.mjs', 'start', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
  // A death by signal resolves to the signal's name, so a failed expectation says which one.
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Stockroom is ready/.test(out.stdout) && /Press Ctrl-C/.test(out.stdout)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before ready:\n${out.stdout}\n${out.stderr}`));
      }
    }, 50);
  });
  return { child, out, exited, ready };
}

/** Gone, or a zombie waiting for init to reap it (it holds no memory, port or file). */
function gone(pid: number): boolean {
  if (!alive(pid)) return true;
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (check()) return true;
  return check();
}

const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')) as { pid: number; dynamoPid?: number };

describe('npm start owns its state folder: no orphaned DynamoDB Local, no stolen local.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-owner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let owner: ReturnType<typeof startChild> | undefined;
  afterAll(() => {
    if (owner?.child.exitCode === null) owner.child.kill('SIGKILL');
  });

  it('kill -KILL of the node process takes DynamoDB Local (Java) with it', async () => {
    const first = startChild(['--state-dir', dir]);
    await first.ready;
    const { pid, dynamoPid } = lockOf(dir);
    expect(pid).toBe(first.child.pid);
    expect(dynamoPid && !gone(dynamoPid)).toBeTruthy();
    process.kill(first.child.pid!, 'SIGKILL');
    await first.exited;
    expect(await until(() => gone(dynamoPid!), 15_000)).toBe(true);
  }, 120_000);

  it('the next start finds the dead owner, says what it cleaned up, and works', async () => {
    owner = startChild(['--state-dir', dir]);
    await owner.ready;
    expect(owner.out.stderr).toMatch(/was held by pid \d+, which is no longer running; .*took the folder over/);
    const facts = JSON.parse(readFileSync(join(dir, 'local.json'), 'utf8')) as { graphqlUrl: string; apiKey: string };
    const res = await fetch(facts.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': facts.apiKey },
      body: JSON.stringify({ query: '{ stockLevel(productId: "espresso-beans-1kg", warehouseId: "north") { onHand } }' }),
    });
    expect(res.status).toBe(200);
  }, 120_000);

  it('a second persistent start on a live folder refuses, saying who holds it', async () => {
    const second = startChild(['--state-dir', dir]);
    second.ready.catch(() => undefined); // it must never get there
    expect(await second.exited).toBe(1);
    expect(second.out.stderr).toContain(`belongs to a running Stockroom (pid ${owner!.child.pid}`);
    expect(second.out.stdout).not.toMatch(/ready/);
  }, 120_000);

  it('--in-memory beside a live server keeps its connection file apart, says where, and leaves the owner’s local.json alone', async () => {
    const ownersFile = readFileSync(join(dir, 'local.json'), 'utf8');
    const memory = startChild(['--in-memory', '--state-dir', dir]);
    await memory.ready;
    const apart = /Connection facts: (\S+local\.in-memory-\S+\.json) \(another Stockroom owns this state folder/.exec(
      memory.out.stdout,
    )?.[1];
    expect(apart).toBeDefined();
    expect(Object.keys(JSON.parse(readFileSync(apart!, 'utf8')) as object).sort()).toEqual([
      'adminToken',
      'apiKey',
      'buckets',
      'endpoints',
      'graphqlUrl',
      'iamCredentials',
      'partnerKeys',
      'realtimeUrl',
    ]);
    expect(readFileSync(join(dir, 'local.json'), 'utf8')).toBe(ownersFile);
    // Ctrl-C in a terminal: SIGINT to the whole process group.
    process.kill(-memory.child.pid!, 'SIGINT');
    expect(await memory.exited).toBe(0);
    expect(existsSync(apart!)).toBe(false);
    expect(readFileSync(join(dir, 'local.json'), 'utf8')).toBe(ownersFile);
    expect(lockOf(dir).pid).toBe(owner!.child.pid);
    // A clean stop stops the poller before DynamoDB Local: no poll failures.
    expect(memory.out.stderr).not.toMatch(/stream poll failed/);
  }, 120_000);

  it('SIGHUP (a closed terminal) stops the owner in order, with its Java, and frees the folder', async () => {
    const { dynamoPid } = lockOf(dir);
    process.kill(owner!.child.pid!, 'SIGHUP');
    expect(await owner!.exited).toBe(0);
    expect(await until(() => gone(dynamoPid!), 15_000)).toBe(true);
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    expect(existsSync(join(dir, 'local.json'))).toBe(false);
    expect(owner!.out.stderr).not.toMatch(/stream poll failed/);
  }, 60_000);
});
