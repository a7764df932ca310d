/**
 * A real `stockroom start` (what `npm start` runs) as a child process on a fixed port and a
 * throw-away `--state-dir`, so that `restart()` brings back the same data, keys and URLs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../local/services/dynamodb-local.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface LocalFacts {
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  readonly apiKey: string;
  readonly adminToken: string;
  readonly partnerKeys: Record<string, string>;
}

export interface StockroomProcess {
  /** `http://127.0.0.1:<port>`: the server's pages (`/demo`, `/widget/…`) live under it. */
  readonly baseUrl: string;
  facts(): LocalFacts;
  /** Posts a GraphQL operation as the local admin. */
  admin<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** SIGINT, wait for a clean exit, start again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops the server and removes the state folder. */
  stop(): Promise<void>;
}

async function spawnReady(args: readonly string[], readyTimeoutMs: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['bin/stockroom.mjs', 'start', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Press Ctrl-C/.test(stdout)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || Date.now() - started > readyTimeoutMs) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`stockroom start was not ready:\n${stdout}\n${stderr}`));
      }
    }, 50);
  });
  return { child, output: () => `${stdout}\n${stderr}` };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT');
  });
}

export async function startStockroomProcess(options: { readonly readyTimeoutMs?: number } = {}): Promise<StockroomProcess> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stockroom-browser-'));
  const port = await findFreePort();
  const args = ['--port', String(port), '--state-dir', stateDir];
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  let current = await spawnReady(args, readyTimeoutMs);
  const readFacts = (): LocalFacts => JSON.parse(readFileSync(join(stateDir, 'local.json'), 'utf8')) as LocalFacts;
  let facts = readFacts();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    facts: () => facts,
    async admin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(facts.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: facts.adminToken },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
      return body.data;
    },
    async restart() {
      await stopChild(current.child);
      current = await spawnReady(args, readyTimeoutMs);
      facts = readFacts();
    },
    async stop() {
      await stopChild(current.child);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
