/**
 * The default state folder of a local Stockroom, `<project>/.stockroom` (database, keys,
 * local.json, dead letters). Its own small module: the CLI's light verbs (`dlq`, `sns`) need the
 * path without loading the server.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_STATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.stockroom');

/** Where a persistent run keeps DynamoDB Local's database inside its state folder. */
export const databaseDir = (stateDir: string): string => join(stateDir, 'dynamodb');
