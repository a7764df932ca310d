/**
 * Sign-in: one click locally (a dev admin token from the local server); on AWS the Cognito SRP
 * steps in turn: password, the first-login new password, TOTP set-up, TOTP code.
 */
import { useState } from 'preact/hooks';
import type { AppConfig } from '../config.js';
import { ErrorNotice } from '../ui/feedback.js';
import { cognitoSignIn, type SignInStep, type TokenSource } from './cognito.js';
import { devSignIn } from './dev.js';

export function SignIn({ config, onSignedIn }: { config: AppConfig; onSignedIn: (user: TokenSource) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<SignInStep | null>(null);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');

  async function run(task: () => Promise<SignInStep>) {
    setBusy(true);
    setError(null);
    try {
      const next = await task();
      setSecret('');
      if (next.kind === 'done') onSignedIn(next.session);
      else setStep(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (config.mode === 'local') {
    return (
      <main class="sign-in" id="main">
        <h1>Stockroom admin</h1>
        <p>Local server: sign in as the dev administrator (group admin).</p>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(async () => ({ kind: 'done', session: await devSignIn(config.devSignInUrl) }))}
        >
          Sign in as dev admin
        </button>
        {error !== null && <ErrorNotice error={error} />}
      </main>
    );
  }
  const label =
    step === null
      ? 'Password'
      : step.kind === 'newPassword'
        ? 'New password'
        : step.kind === 'mfaSetup'
          ? 'Code from your authenticator app'
          : 'Authenticator code';
  return (
    <main class="sign-in" id="main">
      <h1>Stockroom admin</h1>
      <form
        aria-label="Sign in"
        onSubmit={(e) => {
          e.preventDefault();
          if (step === null) void run(() => cognitoSignIn(config, username, secret));
          else if (step.kind !== 'done') void run(() => step.submit(secret));
        }}
      >
        {step === null && (
          <label>
            Email
            <input
              type="email"
              name="username"
              autocomplete="username"
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </label>
        )}
        {step?.kind === 'newPassword' && (
          <p>First sign-in: choose a new password (12+ characters, upper and lower case, a digit and a symbol).</p>
        )}
        {step?.kind === 'mfaSetup' && (
          <p>
            Multi-factor authentication is required. Add this key to an authenticator app (or open{' '}
            <a href={step.otpauthUri}>the otpauth link</a>): <code>{step.secret}</code>
          </p>
        )}
        <label>
          {label}
          {step === null || step.kind === 'newPassword' ? (
            <input
              type="password"
              autocomplete={step === null ? 'current-password' : 'new-password'}
              name="secret"
              required
              value={secret}
              onInput={(e) => setSecret(e.currentTarget.value)}
            />
          ) : (
            <input
              type="text"
              inputMode="numeric"
              autocomplete="one-time-code"
              name="secret"
              required
              value={secret}
              onInput={(e) => setSecret(e.currentTarget.value)}
            />
          )}
        </label>
        <button type="submit" disabled={busy}>
          {step === null ? 'Sign in' : 'Continue'}
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </main>
  );
}
