/**
 * `stockroom start` as a user runs it: a child process, ready line within 10 s, local.json with
 * every connection fact, a working API, and SIGINT that leaves no DynamoDB Local (Java) behind.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../local/services/dynamodb-local.js';

const root = join(import.meta.dirname, '..', '..');
const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-start-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function descendants(pid: number): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number).flatMap((child) => [child, ...descendants(child)]);
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
  it('is ready within 10 s, writes local.json, serves the API, and stops cleanly on SIGINT', async () => {
    const port = await findFreePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/stockroom.mjs', 'start', '--in-memory', '--port', String(port), '--state-dir', stateDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', () => undefined);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/Stockroom is ready/.test(stdout)) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > 15_000 || child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`not ready: ${stdout}`));
        }
      }, 50);
    });
    const readyMs = Date.now() - started;
    expect(readyMs).toBeLessThan(10_000);

    const facts = JSON.parse(readFileSync(join(stateDir, 'local.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(facts).sort()).toEqual(['adminToken', 'apiKey', 'graphqlUrl', 'iamCredentials', 'partnerKeys', 'realtimeUrl']);
    expect(facts['graphqlUrl']).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(facts['realtimeUrl']).toBe(`ws://127.0.0.1:${port}/graphql/realtime`);
    expect(Object.keys(facts['partnerKeys'] as object)).toHaveLength(2);
    expect(facts['iamCredentials']).toMatchObject({ accessKeyId: expect.any(String), secretAccessKey: expect.any(String), region: expect.any(String) });
    expect(stdout).toContain(String(facts['apiKey']));
    expect(stdout).toContain(String(facts['adminToken']));

    // Demo data is there, readable with the storefront key and with a demo partner key.
    const query = JSON.stringify({ query: '{ stockLevel(productId: "espresso-beans-1kg", warehouseId: "north") { onHand threshold } }' });
    const callers: Record<string, string>[] = [{ 'x-api-key': String(facts['apiKey']) }, { authorization: Object.values(facts['partnerKeys'] as Record<string, string>)[0]! }];
    for (const headers of callers) {
      const res = await fetch(String(facts['graphqlUrl']), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query });
      expect(await res.json()).toEqual({ data: { stockLevel: { onHand: 120, threshold: 20 } } });
    }

    const children = descendants(child.pid!);
    expect(children.length).toBeGreaterThan(0); // DynamoDB Local runs as a child
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (let i = 0; i < 30 && children.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    const left = children.filter(alive).map((pid) => { try { return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim(); } catch { return String(pid); } });
    expect(left).toEqual([]);
    expect(existsSync(join(stateDir, 'local.json'))).toBe(false);
  }, 30_000);

  it('prints help for --help', () => {
    const out = execFileSync(process.execPath, ['bin/stockroom.mjs', 'start', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('--in-memory');
    expect(out).toContain('--port');
  });
});
