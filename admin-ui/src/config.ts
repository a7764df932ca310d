/**
 * Where the app finds its API and how it signs in: `config.json` beside index.html. The local
 * server answers it at /admin/config.json (local/server/admin-route/); on AWS the hosting
 * construct publishes it with the deploy-time values (API URL, user pool).
 */

export type AppConfig =
  | { readonly mode: 'local'; readonly graphqlUrl: string; readonly devSignInUrl: string }
  | {
      readonly mode: 'cognito';
      readonly graphqlUrl: string;
      readonly region: string;
      readonly userPoolId: string;
      readonly userPoolClientId: string;
    };

interface RawConfig {
  mode?: string;
  graphqlUrl?: string;
  devSignInUrl?: string;
  region?: string;
  userPoolId?: string;
  userPoolClientId?: string;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const raw = (await response.json()) as RawConfig;
  if (!raw.graphqlUrl) throw new Error('config.json names no graphqlUrl');
  const graphqlUrl = new URL(raw.graphqlUrl, location.href).toString();
  if (raw.mode === 'local' && raw.devSignInUrl) {
    return { mode: 'local', graphqlUrl, devSignInUrl: new URL(raw.devSignInUrl, location.href).toString() };
  }
  if (raw.region && raw.userPoolId && raw.userPoolClientId) {
    return {
      mode: 'cognito',
      graphqlUrl,
      region: raw.region,
      userPoolId: raw.userPoolId,
      userPoolClientId: raw.userPoolClientId,
    };
  }
  throw new Error('config.json has neither a dev sign-in nor a Cognito user pool');
}
