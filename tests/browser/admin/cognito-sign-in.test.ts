/**
 * The admin app's AWS sign-in (Cognito SRP, the first-login new password, TOTP set-up, then the
 * TOTP challenge) in Chromium. There is no local Cognito, so the pool's API is the stand-in in
 * tests/browser/helpers/cognito-stand-in.ts, which checks the SRP proof for real; its tokens are
 * the local server's, so the signed-in app then works against the real local API.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCognitoStandIn, totpCode, type CognitoStandIn } from '../helpers/cognito-stand-in.js';
import { screenshot, seriousViolations, startAdminHarness, type AdminHarness } from './harness.js';

const WAIT = { timeout: 20_000 };
const POOL = { region: 'eu-west-1', userPoolId: 'eu-west-1_Stockroom1', clientId: 'stockroom-admin-app-client' };
const EMAIL = 'ops@example.com';
const TEMPORARY = 'Temporary-Pass1!';
const CHOSEN = 'Chosen-Passw0rd!';
let h: AdminHarness;

beforeAll(async () => {
  h = await startAdminHarness();
}, 180_000);
afterAll(async () => h?.stop(), 60_000);

/** A tab whose config.json says "cognito" (as the hosting construct publishes it on AWS). */
async function cognitoPage(): Promise<{ page: Page; pool: CognitoStandIn }> {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/admin/config.json', async (route) => {
    const local = (await (await route.fetch()).json()) as Record<string, unknown>;
    const { devSignInUrl: _dev, ...rest } = local;
    await route.fulfill({
      json: { ...rest, mode: 'cognito', region: POOL.region, userPoolId: POOL.userPoolId, userPoolClientId: POOL.clientId },
    });
  });
  const pool = await installCognitoStandIn(page, {
    ...POOL,
    issueToken: (email) => h.stockroom.issueToken({ username: email, email, groups: ['admin'] }),
  });
  await page.goto(h.adminUrl);
  return { page, pool };
}

async function submit(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: /^(Sign in|Continue)$/ }).click();
}

describe('admin sign-in with Cognito (SRP, new password, TOTP)', { timeout: 120_000 }, () => {
  it('walks an invited user through SRP, a new password and TOTP set-up, then signs in again with a TOTP code', async () => {
    const { page, pool } = await cognitoPage();
    pool.addUser(EMAIL, TEMPORARY);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cognito-sign-in');

    // A wrong password fails the SRP proof.
    await page.getByLabel('Email').fill(EMAIL);
    await submit(page, 'Password', 'Not-the-password1!');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(/Incorrect username or password/);

    // The temporary password passes; the pool asks for a new one and refuses a weak one.
    await submit(page, 'Password', TEMPORARY);
    await page.getByLabel('New password').waitFor(WAIT);
    await submit(page, 'New password', 'weak');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(/InvalidPassword|conform to policy/);
    await submit(page, 'New password', CHOSEN);

    // TOTP set-up: the key on screen is what an authenticator app would be given.
    const key = page.locator('form code');
    await key.waitFor(WAIT);
    const secret = (await key.textContent()) ?? '';
    expect(secret).toBe(pool.user(EMAIL).totpSecret);
    expect(await page.locator('a[href^="otpauth://totp/"]').getAttribute('href')).toContain(`secret=${secret}`);
    await screenshot(page, 'cognito-mfa-setup');
    expect(await seriousViolations(page)).toEqual([]);
    await submit(page, 'Code from your authenticator app', totpCode(secret));

    // Signed in: the app calls the real local API with the pool's token.
    await page.getByRole('navigation', { name: 'Sections' }).waitFor(WAIT);
    await expect.poll(() => page.locator('main table tbody tr').count(), WAIT).toBeGreaterThan(0);
    expect(pool.user(EMAIL)).toMatchObject({ password: CHOSEN, mustChangePassword: false, totpVerified: true });
    // A reload keeps the session (the library's stored tokens), with no new sign-in.
    const before = pool.calls.length;
    await page.reload();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor(WAIT);
    expect(pool.calls.slice(before)).not.toContain('InitiateAuth');

    // Signed out, the next sign-in is SRP with the chosen password and then a TOTP code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(EMAIL);
    await submit(page, 'Password', CHOSEN);
    await page.getByLabel('Authenticator code').waitFor(WAIT);
    await submit(page, 'Authenticator code', totpCode(secret) === '000000' ? '111111' : '000000');
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(/Invalid code|CodeMismatch/);
    await submit(page, 'Authenticator code', totpCode(secret));
    await page.getByRole('navigation', { name: 'Sections' }).waitFor(WAIT);
    await screenshot(page, 'cognito-signed-in');

    expect(pool.calls.filter((c) => c === 'InitiateAuth')).toHaveLength(3);
    expect(pool.calls).toEqual(expect.arrayContaining(['AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge']));
    await page.close();
  });
});
