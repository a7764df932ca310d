/**
 * One live server per state folder. `<state folder>/server.lock` names the process that owns the
 * folder (its database, keys and `local.json`); a start that finds a live owner refuses (or, for
 * an in-memory run, keeps its connection file apart), and one that finds a dead owner cleans up
 * what it left: its DynamoDB Local, if still running, and its `local.json`.
 *
 * Why a pid file and not `flock`: Node has no portable advisory lock, and a pid that no longer
 * answers `kill(pid, 0)` is a reliable "gone" on one machine.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { databaseDir } from './state-dir.js';

export const LOCK_FILE = 'server.lock';

export interface LockHolder {
  readonly pid: number;
  readonly mode: 'persistent' | 'in-memory';
  readonly startedAt: string;
  /** The DynamoDB Local (Java) process started for this folder, once known. */
  readonly dynamoPid?: number;
  readonly graphqlUrl?: string;
}

export type LockAttempt = { readonly acquired: true; readonly lock: StateLock } | { readonly acquired: false; readonly holder: LockHolder };

export interface StateLock {
  readonly path: string;
  /** Records facts about the run (DynamoDB Local's pid, the URL) for the next start to read. */
  update(facts: Partial<Pick<LockHolder, 'dynamoPid' | 'graphqlUrl'>>): void;
  release(): void;
}

/** True while a process with this pid exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file's holder, or undefined when the text is not one (a torn or foreign file). */
export function parseHolder(text: string): LockHolder | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const h = parsed as Record<string, unknown>;
  if (typeof h['pid'] !== 'number' || !Number.isInteger(h['pid']) || h['pid'] <= 0) return undefined;
  if (h['mode'] !== 'persistent' && h['mode'] !== 'in-memory') return undefined;
  return {
    pid: h['pid'],
    mode: h['mode'],
    startedAt: typeof h['startedAt'] === 'string' ? h['startedAt'] : '',
    ...(typeof h['dynamoPid'] === 'number' ? { dynamoPid: h['dynamoPid'] } : {}),
    ...(typeof h['graphqlUrl'] === 'string' ? { graphqlUrl: h['graphqlUrl'] } : {}),
  };
}

/** The command line of a process as its arguments (Linux `/proc`); undefined elsewhere or when gone. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Is this argument list DynamoDB Local's jar serving `dbPath`? */
export function servesDbPath(args: readonly string[], dbPath: string): boolean {
  if (!args.some((a) => a.endsWith('DynamoDBLocal.jar'))) return false;
  const at = args.indexOf('-dbPath');
  return at >= 0 && args[at + 1] !== undefined && resolve(args[at + 1]!) === resolve(dbPath);
}

/** DynamoDB Local processes serving this database folder (Linux; empty elsewhere). */
export function dynamoLocalPidsFor(dbPath: string): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const args = commandLine(pid);
    if (args && servesDbPath(args, dbPath)) pids.push(pid);
  }
  return pids;
}

/** Alive, and still a Node process (a pid reused by something else after a reboot does not count). */
function isOwnerRunning(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const args = commandLine(pid);
  return args === undefined || /node/i.test(basename(args[0] ?? 'node'));
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/**
 * Takes the state folder for this process, cleaning up after a dead owner first. `log` hears what
 * was cleaned up, in words a user can act on.
 */
export function acquireStateLock(stateDir: string, mode: LockHolder['mode'], log: (message: string) => void): LockAttempt {
  const path = join(stateDir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    const holder: LockHolder = { pid: process.pid, mode, startedAt: new Date().toISOString() };
    try {
      writeFileSync(path, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o600 });
      return { acquired: true, lock: ownLock(path, holder) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // released between our write and read: try again
    }
    const found = parseHolder(text);
    if (found && isOwnerRunning(found.pid)) return { acquired: false, holder: found };
    // The owner is gone without cleaning up (kill -9, a crash, a closed terminal).
    const what: string[] = [];
    if (found?.dynamoPid && isAlive(found.dynamoPid) && (commandLine(found.dynamoPid) ?? []).some((a) => a.endsWith('DynamoDBLocal.jar'))) {
      kill(found.dynamoPid);
      what.push(`stopped its DynamoDB Local (pid ${found.dynamoPid})`);
    }
    if (existsSync(join(stateDir, 'local.json'))) {
      rmSync(join(stateDir, 'local.json'), { force: true });
      what.push('removed its local.json');
    }
    rmSync(path, { force: true });
    log(
      `stockroom: the state folder ${stateDir} was held by ${found ? `pid ${found.pid}` : 'an unreadable lock'}, which is no longer running; ${[...what, 'took the folder over'].join(', ')}.`,
    );
  }
  // Only reachable when other starts keep racing for the same folder.
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return { acquired: false, holder: parseHolder(text) ?? { pid: 0, mode, startedAt: '' } };
}

/** Stops DynamoDB Local processes still serving this folder's database (left by a run without a lock). */
export function stopStrayDynamoLocal(stateDir: string, log: (message: string) => void): void {
  const dbPath = databaseDir(stateDir);
  for (const pid of dynamoLocalPidsFor(dbPath)) {
    kill(pid);
    log(`stockroom: stopped a DynamoDB Local (pid ${pid}) left running on ${dbPath} by an earlier run.`);
  }
}

function ownLock(path: string, holder: LockHolder): StateLock {
  let current = holder;
  let released = false;
  return {
    path,
    update(facts) {
      if (released) return;
      current = { ...current, ...facts };
      writeFileSync(path, `${JSON.stringify(current)}\n`, { mode: 0o600 });
    },
    release() {
      if (released) return;
      released = true;
      // Only our own lock: never remove one a later start took over.
      const now = existsSync(path) ? parseHolder(readFileSync(path, 'utf8')) : undefined;
      if (now?.pid === process.pid && now.startedAt === current.startedAt) rmSync(path, { force: true });
    },
  };
}
