/**
 * Local one-click sign-in: the local server mints a dev admin token (local/server/admin-route/,
 * never part of the AWS deployment). Kept in sessionStorage: each tab signs in on its own.
 */
import type { TokenSource } from './cognito.js';

const STORAGE_KEY = 'stockroom.devToken';

function source(token: string): TokenSource {
  return {
    username: 'admin (local)',
    token: () => Promise.resolve(token),
    signOut: () => sessionStorage.removeItem(STORAGE_KEY),
  };
}

export async function devSignIn(devSignInUrl: string): Promise<TokenSource> {
  const response = await fetch(devSignInUrl, { method: 'POST' });
  if (!response.ok) throw new Error(`dev sign-in: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem(STORAGE_KEY, token);
  return source(token);
}

export function devCurrentUser(): TokenSource | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? source(token) : undefined;
}
