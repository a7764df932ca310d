/**
 * `<state folder>/state.json`: what a persistent local Stockroom keeps between starts (the API
 * key, the local IAM credentials, the demo partner keys and whether demo data was loaded).
 * An in-memory run has no state file: everything is new each time.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateIamCredentials, type LocalIamCredentials } from '../server/auth/sigv4.js';
import { LOCAL_REGION } from './dynamodb-local.js';

export interface PersistedState {
  apiKey: string;
  iam: LocalIamCredentials;
  demoPartnerKeys?: Record<string, string>;
  demoLoaded?: boolean;
}

/** AppSync API keys look like `da2-` + 26 lowercase alphanumerics. */
export function newApiKey(): string {
  return `da2-${randomBytes(20)
    .toString('base64')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 26)
    .padEnd(26, '0')}`;
}

export function loadState(path: string | undefined): PersistedState {
  if (path && existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  return { apiKey: newApiKey(), iam: generateIamCredentials(LOCAL_REGION) };
}

export function saveState(path: string | undefined, state: PersistedState): void {
  if (!path) return;
  writeFileSync(path, JSON.stringify(state, null, 2), { mode: 0o600 });
}
