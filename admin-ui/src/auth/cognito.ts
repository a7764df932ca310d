/**
 * Cognito sign-in with SRP (the admin app client allows USER_SRP_AUTH only), as a sequence of
 * steps the sign-in screen walks through: the first-login new password, the pool's TOTP set-up
 * (MFA is required) and the TOTP challenge. amazon-cognito-identity-js is loaded only here, so
 * the local bundle does not carry it.
 */
import type { CognitoUser, CognitoUserSession, IAuthenticationCallback } from 'amazon-cognito-identity-js';

export type SignInStep =
  | { readonly kind: 'done'; readonly session: TokenSource }
  | { readonly kind: 'newPassword'; readonly submit: (password: string) => Promise<SignInStep> }
  | {
      readonly kind: 'mfaSetup';
      readonly secret: string;
      readonly otpauthUri: string;
      readonly submit: (code: string) => Promise<SignInStep>;
    }
  | { readonly kind: 'mfaCode'; readonly submit: (code: string) => Promise<SignInStep> };

/** A signed-in user: a fresh ID token on each call (refreshed by the library when it expires). */
export interface TokenSource {
  readonly username: string;
  token(): Promise<string>;
  signOut(): void;
}

export interface PoolSettings {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

function tokenSource(user: CognitoUser): TokenSource {
  return {
    username: user.getUsername(),
    token: () =>
      new Promise((resolve, reject) =>
        user.getSession((error: Error | null, session: CognitoUserSession | null) =>
          error || !session ? reject(error ?? new Error('no session')) : resolve(session.getIdToken().getJwtToken()),
        ),
      ),
    signOut: () => user.signOut(),
  };
}

/** Callbacks that turn each Cognito challenge into the next step of the screen. */
function stepCallbacks(user: CognitoUser, resolve: (step: SignInStep) => void, reject: (error: Error) => void): IAuthenticationCallback {
  const again = (run: (callbacks: IAuthenticationCallback) => void) => (): Promise<SignInStep> =>
    new Promise((res, rej) => run(stepCallbacks(user, res, rej)));
  return {
    onSuccess: () => resolve({ kind: 'done', session: tokenSource(user) }),
    onFailure: (error: Error) => reject(error),
    newPasswordRequired: () =>
      resolve({
        kind: 'newPassword',
        // Cognito returns the user's attributes here; none may be sent back unchanged.
        submit: (password) => again((callbacks) => user.completeNewPasswordChallenge(password, {}, callbacks))(),
      }),
    mfaSetup: () =>
      user.associateSoftwareToken({
        associateSecretCode: (secret: string) =>
          resolve({
            kind: 'mfaSetup',
            secret,
            otpauthUri: `otpauth://totp/Stockroom:${encodeURIComponent(user.getUsername())}?secret=${secret}&issuer=Stockroom`,
            submit: (code) =>
              new Promise((res, rej) =>
                user.verifySoftwareToken(code, 'Stockroom admin app', {
                  onSuccess: () => res({ kind: 'done', session: tokenSource(user) }),
                  onFailure: (error: Error) => rej(error),
                }),
              ),
          }),
        onFailure: (error: Error) => reject(error),
      }),
    totpRequired: () =>
      resolve({ kind: 'mfaCode', submit: (code) => again((callbacks) => user.sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA'))() }),
    mfaRequired: () => resolve({ kind: 'mfaCode', submit: (code) => again((callbacks) => user.sendMFACode(code, callbacks))() }),
  };
}

export async function cognitoSignIn(pool: PoolSettings, username: string, password: string): Promise<SignInStep> {
  const { AuthenticationDetails, CognitoUser, CognitoUserPool } = await import('amazon-cognito-identity-js');
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.userPoolClientId });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  user.setAuthenticationFlowType('USER_SRP_AUTH');
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), stepCallbacks(user, resolve, reject)),
  );
}

/** The user signed in earlier in this browser (the library keeps its tokens in localStorage). */
export async function cognitoCurrentUser(pool: PoolSettings): Promise<TokenSource | undefined> {
  const { CognitoUserPool } = await import('amazon-cognito-identity-js');
  const user = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.userPoolClientId }).getCurrentUser();
  if (!user) return undefined;
  const source = tokenSource(user);
  try {
    await source.token();
    return source;
  } catch {
    return undefined;
  }
}
