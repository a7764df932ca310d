/**
 * Taking the state folder at start: one live server per folder. A persistent run needs the
 * folder's database, an in-memory run only its connection file (and keeps that apart when another
 * live server owns the folder). `--reset` wipes the persisted data of a persistent run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { databaseDir } from '../../services/state-dir.js';
import { acquireStateLock, stopStrayDynamoLocal, type StateLock } from '../../services/state-lock.js';

/** Another live server owns the state folder (its database, keys and local.json). */
export class StateFolderInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFolderInUseError';
  }
}

export interface StateFolderOptions {
  readonly stateDir: string;
  readonly persistent: boolean;
  /** The run writes a connection file (so it needs the folder even in memory). */
  readonly writeFacts: boolean;
  readonly reset: boolean;
  /** A DynamoDB this run does not own (tests): no stray DynamoDB Local of the folder is stopped. */
  readonly externalDynamo: boolean;
  readonly log: (message: string) => void;
}

/** The folder's lock when this run holds it; undefined for an in-memory run beside a live owner. */
export function takeStateFolder(o: StateFolderOptions): StateLock | undefined {
  let lock: StateLock | undefined;
  if (o.persistent || o.writeFacts) {
    mkdirSync(o.stateDir, { recursive: true });
    const attempt = acquireStateLock(o.stateDir, o.persistent ? 'persistent' : 'in-memory', o.log);
    if (attempt.acquired) {
      lock = attempt.lock;
    } else if (o.persistent) {
      const { holder } = attempt;
      throw new StateFolderInUseError(
        `the state folder ${o.stateDir} belongs to a running Stockroom (pid ${holder.pid}${holder.graphqlUrl ? `, ${holder.graphqlUrl}` : ''}). ` +
          'Stop it first, or start this one with --state-dir <another folder> or --in-memory.',
      );
    }
    // The folder's DynamoDB Local of a run that died before it could write its pid into the lock.
    if (lock && o.persistent && !o.externalDynamo) stopStrayDynamoLocal(o.stateDir, o.log);
  }
  if (o.reset && o.persistent) {
    rmSync(databaseDir(o.stateDir), { recursive: true, force: true });
    rmSync(join(o.stateDir, 'state.json'), { force: true });
    rmSync(join(o.stateDir, 'local.json'), { force: true });
  }
  return lock;
}
