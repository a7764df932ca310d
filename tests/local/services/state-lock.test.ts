import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireStateLock, LOCK_FILE, parseHolder, servesDbPath } from '../../../local/services/state-lock.js';

const root = mkdtempSync(join(tmpdir(), 'stockroom-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const dir = join(root, String(n++));
  spawnSync('mkdir', ['-p', dir]);
  return dir;
};
/** A pid that existed and is now gone: a finished child. */
const deadPid = (): number => spawnSync('true').pid!;

describe('parseHolder', () => {
  it.each([
    ['{"pid":12,"mode":"persistent","startedAt":"t"}', { pid: 12, mode: 'persistent', startedAt: 't' }],
    [
      '{"pid":12,"mode":"in-memory","startedAt":"t","dynamoPid":13,"graphqlUrl":"u"}',
      { pid: 12, mode: 'in-memory', startedAt: 't', dynamoPid: 13, graphqlUrl: 'u' },
    ],
    ['{"pid":0,"mode":"persistent"}', undefined],
    ['{"pid":12,"mode":"other"}', undefined],
    ['{"pid":12', undefined],
    ['null', undefined],
  ])('%s', (text, holder) => {
    expect(parseHolder(text)).toEqual(holder);
  });
});

describe('servesDbPath', () => {
  it.each([
    [['java', '-jar', '/x/DynamoDBLocal.jar', '-port', '1', '-dbPath', '/s/dynamodb'], '/s/dynamodb', true],
    [['java', '-jar', '/x/DynamoDBLocal.jar', '-dbPath', '/s/dynamodb'], '/s/../s/dynamodb', true],
    [['java', '-jar', '/x/DynamoDBLocal.jar', '-dbPath', '/t/dynamodb'], '/s/dynamodb', false],
    [['java', '-jar', '/x/DynamoDBLocal.jar', '-inMemory'], '/s/dynamodb', false],
    [['node', 'x.js', '-dbPath', '/s/dynamodb'], '/s/dynamodb', false],
  ])('%j on %s → %s', (args, dbPath, expected) => {
    expect(servesDbPath(args, dbPath)).toBe(expected);
  });
});

describe('acquireStateLock', () => {
  it('takes a free folder, refuses a second taker while held, and frees it on release', () => {
    const dir = freshDir();
    const first = acquireStateLock(dir, 'persistent', () => undefined);
    expect(first.acquired).toBe(true);
    const second = acquireStateLock(dir, 'in-memory', () => undefined);
    expect(second).toEqual({ acquired: false, holder: expect.objectContaining({ pid: process.pid, mode: 'persistent' }) });
    if (first.acquired) first.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it.each([
    [
      'a dead owner',
      () => JSON.stringify({ pid: deadPid(), mode: 'persistent', startedAt: 't' }),
      /held by pid \d+, which is no longer running; removed its local.json, took the folder over/,
    ],
    [
      'an unreadable lock',
      () => 'garbage',
      /held by an unreadable lock, which is no longer running; removed its local.json, took the folder over/,
    ],
  ])('takes over from %s, removes its local.json, and says so', (_name, lockText, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), lockText());
    writeFileSync(join(dir, 'local.json'), '{}');
    const lines: string[] = [];
    const attempt = acquireStateLock(dir, 'persistent', (line) => lines.push(line));
    expect(attempt.acquired).toBe(true);
    expect(lines).toEqual([expect.stringMatching(message)]);
    expect(existsSync(join(dir, 'local.json'))).toBe(false);
    expect(parseHolder(readFileSync(join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(process.pid);
    if (attempt.acquired) attempt.lock.release();
  });

  it('records facts in the lock for the next start to read', () => {
    const dir = freshDir();
    const attempt = acquireStateLock(dir, 'persistent', () => undefined);
    if (!attempt.acquired) throw new Error('not acquired');
    attempt.lock.update({ dynamoPid: 4242, graphqlUrl: 'http://127.0.0.1:1/graphql' });
    expect(parseHolder(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      dynamoPid: 4242,
      graphqlUrl: 'http://127.0.0.1:1/graphql',
    });
    attempt.lock.release();
  });
});
